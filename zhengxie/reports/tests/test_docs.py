"""docs/figures.md is generated from the registry and must match it."""
from django.core.management import call_command

from zhengxie.reports import registry
from zhengxie.reports.docs import DOC_PATH, generate


def test_the_committed_figures_doc_equals_the_generated_one():
    assert DOC_PATH.read_text(encoding="utf-8") == generate(), "请运行 python manage.py figures_doc 更新 docs/figures.md"


def test_the_doc_lists_every_registered_figure_with_its_definition():
    text = generate()
    for fig in registry.all_figures():
        assert f"| `{fig.code}` | {fig.label} |" in text
        assert fig.definition.replace("|", "\\|") in text


def test_the_check_option_passes_when_the_doc_is_current(capsys):
    call_command("figures_doc", "--check")
    assert "已是最新" in capsys.readouterr().out
