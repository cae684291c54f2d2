"""Shared fixtures of the 社情民意 tests: `facts` (a scored year in the city) lives with the scoring tests."""
from zhengxie.opinions.tests.test_scoring import facts  # noqa: F401
