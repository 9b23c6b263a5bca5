// The ballot's running total as a resident ticks projects (the page works without it: the server checks).
(function () {
  var form = document.getElementById('ballot-form');
  var total = document.getElementById('ballot-total');
  if (!form || !total || form.getAttribute('data-knapsack') !== 'true') {
    return;
  }
  var budget = Number(form.getAttribute('data-budget'));
  var format = new Intl.NumberFormat(document.documentElement.lang === 'vi' ? 'vi-VN' : 'en-GB');
  var unit = document.documentElement.lang === 'vi' ? ' ₫' : ' VND';
  var template = total.getAttribute('data-template');
  function update() {
    var sum = 0;
    form.querySelectorAll('input[name=project]:checked').forEach(function (box) {
      sum += Number(box.getAttribute('data-cost'));
    });
    total.textContent = template.replace('{0}', format.format(sum) + unit).replace('{1}', format.format(budget) + unit);
    total.classList.toggle('over', sum > budget);
  }
  form.addEventListener('change', update);
})();
