// Small helpers; htmx does the rest.
document.addEventListener("htmx:responseError", function (evt) {
  var box = document.createElement("div");
  box.className = "msg msg-error";
  box.setAttribute("role", "alert");
  box.textContent = "操作未完成：" + (evt.detail.xhr.status === 403 ? "没有权限。" : "请稍后重试。");
  var main = document.getElementById("main");
  if (main) main.prepend(box);
});
