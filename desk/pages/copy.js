// The copy button of a read-only box: the page works without it, the box
// can be selected and copied by hand.
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    var box = document.getElementById(button.getAttribute("data-copy"));
    var done = function () { button.textContent = "已复制"; };
    var byHand = function () { box.select(); if (document.execCommand("copy")) { done(); } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(done, byHand);
    } else {
      byHand();
    }
  });
});
