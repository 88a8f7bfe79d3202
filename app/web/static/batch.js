// The batch page's progress poller (in a file: the Content-Security-Policy refuses inline scripts).
(function () {
  var box = document.getElementById("job");
  var texts = JSON.parse(document.getElementById("batch-texts").textContent);
  var names = texts.states;
  var broken = texts.broken;
  function cell(text) { var td = document.createElement("td"); td.textContent = text; return td; }
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        document.getElementById("state").textContent = s.state_name || (s.error ? broken : names[s.state]) || "";
        document.getElementById("no-worker").hidden = s.worker_running || !(s.state === "pending" || s.state === "running");
        var jobError = document.getElementById("job-error");
        jobError.textContent = s.error || "";
        jobError.hidden = !s.error;
        var bar = document.getElementById("bar");
        bar.max = s.total; bar.value = s.done + s.failed.length;
        document.getElementById("counts").firstChild.textContent = s.done + "/" + s.total + " xã · ";
        document.getElementById("rate").textContent = s.rate.toFixed(1).replace(".", ",");
        document.getElementById("left").textContent = s.seconds_left === null ? "…" : Math.round(s.seconds_left);
        document.getElementById("eta").hidden = !(s.state === "pending" || s.state === "running");
        var rows = document.getElementById("failed-rows");
        rows.textContent = "";
        s.failed.forEach(function (f) { var tr = document.createElement("tr"); tr.appendChild(cell(f.unit)); tr.appendChild(cell(f.reason)); rows.appendChild(tr); });
        document.getElementById("failures").hidden = s.failed.length === 0;
        document.getElementById("download").hidden = !s.bundle;
        var cancel = document.getElementById("cancel");
        if (cancel && (s.state !== "pending" && s.state !== "running")) { cancel.hidden = true; }
        if (s.state === "pending" || s.state === "running") { setTimeout(poll, 1000); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
