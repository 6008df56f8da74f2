// The menu is a <details>: a button on a phone, always open on a wide screen (where CSS's
// ::details-content already shows it, this keeps older browsers the same).
(function () {
  var menu = document.getElementById("menu");
  if (!menu || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 721px)");
  function follow() { if (wide.matches) menu.open = true; }
  follow();
  if (wide.addEventListener) wide.addEventListener("change", follow);
})();
