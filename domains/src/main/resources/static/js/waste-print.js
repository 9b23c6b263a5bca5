// The route sheet's print button (the sheet prints without the site's header, menus and this button).
(function () {
  var b = document.getElementById('print');
  if (b) { b.addEventListener('click', function () { window.print(); }); }
}());
