// While a ZIP of scorecards is being built, fetch its section (data-url) again every
// 2 seconds and put it in place; the section stops the polling when it no longer carries
// data-polling (results/_scorecard_archives.html). A file, not inline script: the CSP allows none.
(function () {
  function poll() {
    var box = document.getElementById("phieu-ket-qua");
    if (!box || !box.hasAttribute("data-polling")) return;
    fetch(box.getAttribute("data-url"), {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { if (html) box.outerHTML = html; setTimeout(poll, 2000); })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
