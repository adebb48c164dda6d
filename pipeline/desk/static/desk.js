// Live progress of the requests on the page: one EventSource per open request; when it
// ends, the request's row is fetched again with its new files. No build step, no CDN.
(function () {
  var labels = {queued: "đang chờ", running: "đang dựng", done: "xong", failed: "lỗi",
                cancelled: "đã huỷ"};

  function follow(row) {
    if (row.dataset.following) { return; }
    row.dataset.following = "1";
    var source = new EventSource(row.dataset.events);
    source.addEventListener("progress", function (event) {
      var data = JSON.parse(event.data);
      var bar = row.querySelector("progress");
      bar.max = Math.max(data.total, 1);
      bar.value = data.done;
      row.querySelector(".count").textContent = data.done + "/" + data.total;
      row.querySelector(".status").textContent = labels[data.status] || data.status;
    });
    source.addEventListener("end", function () {
      source.close();
      htmx.ajax("GET", "/fragments/requests/" + row.id.replace("request-", ""),
                {target: "#" + row.id, swap: "outerHTML"});
    });
    source.onerror = function () { source.close(); delete row.dataset.following;
                                   setTimeout(function () { follow(row); }, 3000); };
  }

  function scan() { document.querySelectorAll("[data-events]").forEach(follow); }
  document.addEventListener("DOMContentLoaded", scan);
  document.addEventListener("htmx:afterSettle", scan);
})();
