// The upload form's drop zone: files dropped on it become the form's
// files, and the names of the files chosen are listed. The form works the
// same without this script.
(function () {
  "use strict";
  var zone = document.querySelector("[data-drop]");
  if (!zone) {
    return;
  }
  var input = zone.querySelector("input[type=file]");
  var list = zone.querySelector("[data-chosen]");
  var hint = zone.querySelector("[data-drop-hint]");
  if (!input || !list) {
    return;
  }
  if (hint) {
    hint.hidden = false;
  }
  function show() {
    list.textContent = "";
    for (var i = 0; i < input.files.length; i++) {
      var li = document.createElement("li");
      li.textContent = input.files[i].name;
      list.appendChild(li);
    }
  }
  function over(on) {
    zone.style.borderColor = on ? "#b71c1c" : "";
    zone.style.background = on ? "#fff3f0" : "";
  }
  zone.addEventListener("dragover", function (e) {
    e.preventDefault();
    over(true);
  });
  zone.addEventListener("dragleave", function () {
    over(false);
  });
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    over(false);
    if (e.dataTransfer && e.dataTransfer.files.length > 0) {
      input.files = e.dataTransfer.files;
      show();
    }
  });
  input.addEventListener("change", show);
})();
