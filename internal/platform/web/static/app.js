// Small enhancements only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Ask before destructive actions: <form data-confirm="...">.
  document.querySelectorAll("form[data-confirm]").forEach((f) => {
    f.addEventListener("submit", (e) => {
      if (!window.confirm(f.dataset.confirm)) e.preventDefault();
    });
  });
  // Live filter of a table: <input data-filter="#table-id">, diacritic-insensitive.
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  document.querySelectorAll("input[data-filter]").forEach((input) => {
    const table = document.querySelector(input.dataset.filter);
    if (!table) return;
    input.addEventListener("input", () => {
      const q = fold(input.value.trim());
      table.querySelectorAll("tbody tr").forEach((tr) => {
        tr.hidden = q !== "" && !fold(tr.textContent).includes(q);
      });
    });
  });
  // Upload progress: <form data-progress> with a <progress> inside.
  document.querySelectorAll("form[data-progress]").forEach((f) => {
    const bar = f.querySelector("progress");
    if (!bar || !window.XMLHttpRequest) return;
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      const xhr = new XMLHttpRequest();
      xhr.open(f.method, f.action);
      bar.hidden = false;
      xhr.upload.addEventListener("progress", (p) => { if (p.lengthComputable) bar.value = p.loaded / p.total; });
      xhr.addEventListener("load", () => { document.open(); document.write(xhr.responseText); document.close(); history.replaceState(null, "", xhr.responseURL); });
      xhr.send(new FormData(f));
    });
  });
});
