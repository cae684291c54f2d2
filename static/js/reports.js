// 统计报表: show only the inputs of the chosen period (年度 / 会议 / 日期范围); without JS all stay visible.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("report-filters");
  if (!form) return;
  var select = form.querySelector("select[name=period]");
  function sync() {
    form.querySelectorAll("[data-period]").forEach(function (el) {
      el.hidden = el.getAttribute("data-period") !== select.value;
    });
  }
  select.addEventListener("change", sync);
  sync();
});
