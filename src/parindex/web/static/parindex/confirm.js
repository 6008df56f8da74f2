// A form with data-confirm="question" asks the question before it is sent; with
// data-confirm-if="field" only when that checkbox is ticked (the logo's removal). Loaded by
// base.html for every page: the CSP allows no inline onsubmit handler.
(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.getAttribute) return;
    var question = form.getAttribute("data-confirm");
    if (!question) return;
    var only = form.getAttribute("data-confirm-if");
    if (only) {
      var box = form.elements[only];
      if (!box || !box.checked) return;
    }
    if (!window.confirm(question)) event.preventDefault();
  });
})();
