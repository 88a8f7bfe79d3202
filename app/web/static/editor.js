/* The plan editor: builds the form from the plan's JSON Schema (every part of the model),
   with add / remove / reorder for every list, sends the document as JSON, shows the
   marshmallow errors next to their field, autosaves drafts and refreshes the preview.
   Plain JS, no build step. */
(function () {
  "use strict";
  const schema = JSON.parse(document.getElementById("plan-schema").textContent);
  const meta = JSON.parse(document.getElementById("plan-meta").textContent);
  let doc = JSON.parse(document.getElementById("plan-document").textContent);
  const form = document.getElementById("plan-form");
  let csrf = document.querySelector('meta[name="csrf-token"]').content;
  let sessionLost = false;
  let dirty = false, conflicted = false, saving = false;

  const LABELS = {
    id: "Mã", doc_type: "Loại văn bản", issuer: "Cơ quan ban hành", name: "Tên", abbreviation: "Viết tắt",
    level: "Cấp", place: "Địa danh", parent_body: "Cơ quan chủ quản", number: "Số", symbol: "Ký hiệu",
    date: "Ngày ban hành", dateline_year: "Năm in ở dòng ngày tháng (khi chưa có ngày)",
    dateline_month: "Tháng in ở dòng ngày tháng (khi chưa có ngày)", subject: "Trích yếu", references: "Căn cứ, văn bản thực hiện", relation: "Quan hệ",
    issuer_ref: "Cơ quan", title: "Tiêu đề", text: "Nội dung", preamble: "Lời mở đầu", sections: "Các phần",
    kind: "Loại phần", targets: "Chỉ tiêu", metric: "Nội dung đo", population: "Đối tượng", comparator: "So sánh",
    value: "Giá trị", value_max: "Cận trên", denominator: "Mẫu số", unit: "Đơn vị", period: "Thời kỳ",
    deadline: "Thời hạn (năm)", frequency: "Tần suất", breakdown: "Phân chia chỉ tiêu", label: "Tên phần",
    parts: "Phần nhỏ", sub_values: "Giá trị riêng cho nhóm", parent_target: "Chỉ tiêu cấp trên", source: "Nguồn",
    tasks: "Nhiệm vụ", lead: "Chủ trì", partners: "Phối hợp", parent_task: "Nhiệm vụ cấp trên",
    assignment: "Phân công (Tổ chức thực hiện)", agency: "Cơ quan, đơn vị", duties: "Nhiệm vụ được giao",
    role: "Vai trò", report_to: "Báo cáo về", parent_duty: "Nhiệm vụ cấp trên", bullets: "Gạch đầu dòng",
    closing: "Đoạn kết", funding: "Kinh phí", sources: "Nguồn kinh phí", amount: "Số tiền",
    signer: "Người ký", authority: "Dòng quyền hạn (TM., KT. ...)", recipients: "Nơi nhận", archive: "Lưu",
    appendices: "Phụ lục", columns: "Cột", rows: "Dòng", note: "Ghi chú", notes: "Ghi chú nội bộ", doc_type_ref: "Loại",
  };
  const CHOICES = {
    at_least: "ít nhất", more_than: "trên", equal: "bằng", at_most: "không quá", less_than: "dưới",
    reduce_by: "giảm", increase_by: "tăng", none_allowed: "không để xảy ra", yearly: "hằng năm",
    quarterly: "hằng quý", monthly: "hằng tháng", text: "văn bản", purpose: "mục đích, yêu cầu",
    objectives: "mục tiêu", scope: "phạm vi", tasks: "nhiệm vụ", solutions: "giải pháp", funding: "kinh phí",
    organization: "tổ chức thực hiện", lead: "chủ trì", coordinate: "phối hợp", implement: "thực hiện",
    report: "báo cáo", implements: "thực hiện (kế hoạch cấp trên)", basis: "căn cứ",
    national: "Trung ương", province: "Cấp tỉnh", district: "Cấp huyện", commune: "Cấp xã",
  };
  // What one row of a list is called, for its "+ Thêm ..." button.
  const ITEM_NAMES = {
    targets: "chỉ tiêu", tasks: "nhiệm vụ", duties: "nhiệm vụ", recipients: "nơi nhận", sections: "phần",
    references: "căn cứ", partners: "cơ quan phối hợp", bullets: "gạch đầu dòng", appendices: "phụ lục",
    preamble: "đoạn", text: "đoạn", breakdown: "phần chia", sub_values: "giá trị riêng", sources: "nguồn",
    parts: "phần nhỏ", notes: "ghi chú",
  };
  // Field names that mean different things in different places ("title" of a part, of the
  // signer, of a cited document; "id" of a target, a task): labelled by their path, list
  // indexes dropped ("sections[2].targets[0].id" → "sections.targets.id"), else by LABELS.
  const PATH_LABELS = {
    "signer.name": "Họ và tên", "signer.title": "Chức vụ", "signer.authority": "Dòng quyền hạn (TM., KT. ...)",
    "issuer.name": "Tên cơ quan", "references.title": "Trích yếu văn bản", "references.number": "Số văn bản",
    "references.issuer": "Cơ quan ban hành văn bản", "references.text": "Câu trích dẫn (nếu ghi nguyên văn)",
    "appendices.title": "Tên phụ lục", "sections.title": "Tên phần", "sections.sections.title": "Tên mục",
    "sections.sections.sections.title": "Tên điểm",
    "sections.targets.id": "Số hiệu chỉ tiêu", "sections.sections.targets.id": "Số hiệu chỉ tiêu",
    "sections.sections.sections.targets.id": "Số hiệu chỉ tiêu",
    "sections.tasks.id": "Số hiệu nhiệm vụ", "sections.sections.tasks.id": "Số hiệu nhiệm vụ",
    "sections.assignment.id": "Số hiệu phân công", "sections.sections.assignment.id": "Số hiệu phân công",
  };
  function labelFor(name, path) {
    const generic = String(path || "").replace(/\[\d+\]/g, "");
    return PATH_LABELS[generic] || LABELS[name] || name;
  }
  // What the drafter must fill before submitting, shown first, open; the rest of a derived plan
  // (its parts, taken from the parent plan) starts folded.
  const MUST_FILL = ["number", "date", "signer", "recipients"];
  // Not shown: the plan's file id is an internal key; the header is the agency's (set on save).
  const HIDDEN = ["id"];
  const FIXED = ["issuer.name", "issuer.abbreviation", "issuer.level", "issuer.place"];
  const ENUM_EXTRA = { relation: ["implements", "basis"], level: ["national", "province", "district", "commune"] };

  function resolve(s) {
    if (!s) return {};
    if (s.$ref) return schema.$defs[s.$ref.split("/").pop()];
    if (s.anyOf) return resolve(s.anyOf.find((x) => x.type !== "null"));
    return s;
  }
  function kindOf(s) {
    s = resolve(s);
    if (s.enum) return "enum";
    const t = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
    return t || "string";
  }
  function nullable(s) {
    return !!(s && (s.anyOf || (Array.isArray(s.type) && s.type.includes("null")) || (s.enum && s.enum.includes(null))));
  }
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== undefined && v !== null) node.setAttribute(k, v); });
    children.forEach((c) => node.append(c));
    return node;
  }
  function emptyFor(s) {
    const r = resolve(s), k = kindOf(s);
    if (k === "object") {
      const out = {};
      (r.required || []).forEach((name) => { out[name] = emptyFor(r.properties[name]); });
      return out;
    }
    if (k === "array") return [];
    if (k === "enum") return r.default !== undefined ? r.default : r.enum[0];
    if (k === "number" || k === "integer") return null;
    return "";
  }
  let edits = 0; // changes made so far: a save only clears those it carried
  function changed() { edits += 1; dirty = true; setState("Có thay đổi chưa lưu"); schedulePreview(); }

  function scalarInput(name, s, value, path, set) {
    const k = kindOf(s), r = resolve(s);
    let input;
    const choices = k === "enum" ? r.enum : ENUM_EXTRA[name];
    if (choices) {
      input = el("select", { "data-path": path, name: path });
      if (nullable(s) || !r.enum) input.append(el("option", { value: "" }, "—"));
      choices.filter((c) => c !== null).forEach((c) => input.append(el("option", { value: c }, CHOICES[c] || c)));
      // An unset choice shows the default the server will apply (a new target reads "ít nhất", not blank).
      input.value = value == null ? (r.default ?? "") : value;
    } else if (k === "string" && (["subject", "closing"].includes(name) || String(value || "").includes("\n") ||
               (["text", "title", "name"].includes(name) && path.includes("[")))) {
      input = el("textarea", { "data-path": path, name: path, rows: 2 });
      input.value = value == null ? "" : value;
    } else if (k === "number" || k === "integer") {
      // A text box, not type=number: Chromium reads "1.100" as 1.1 and silently empties a box
      // holding letters. What was typed goes to the server as is, which reads it the
      // Vietnamese way ("1.100" = 1100, "2,5" = 2.5) or answers with an error beside the field.
      input = el("input", { type: "text", inputmode: k === "number" ? "decimal" : "numeric", "data-path": path, name: path });
      input.value = value == null ? "" : (typeof value === "number" ? String(value).replace(".", ",") : value);
    } else if (r.format === "date") {
      return dateInput(s, value, path, set);
    } else {
      input = el("input", { type: "text", "data-path": path, name: path });
      input.value = value == null ? "" : value;
    }
    if (FIXED.includes(path)) {
      input.disabled = true;
      input.title = "Lấy từ danh mục cơ quan khi lưu; không sửa ở đây";
    }
    input.addEventListener("input", () => {
      const raw = input.value;
      if (raw === "") set(k === "string" && !nullable(s) && !choices ? "" : null);
      else if (k === "number" || k === "integer") set(/^\s*\d+\s*$/.test(raw) ? parseInt(raw, 10) : raw.trim());
      else set(raw);
      changed();
    });
    return input;
  }

  // Dates are shown and typed day first (20/01/2026), as offices write them, whatever the
  // browser's language: an <input type=date> in an English Chromium shows mm/dd/yyyy. The
  // document keeps ISO; what cannot be read is sent as typed, and the server answers with
  // the same Vietnamese message beside the field.
  const DATE_FORMAT = "Ngày phải theo dạng ngày/tháng/năm, ví dụ 20/01/2026";
  const DATE_INVALID = "Ngày không có thật";
  function isoToDmy(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return m ? `${m[3]}/${m[2]}/${m[1]}` : (value || "");
  }
  function dmyToIso(text) {
    const m = /^\s*(\d{1,2})\s*[\/.-]\s*(\d{1,2})\s*[\/.-]\s*(\d{4})\s*$/.exec(text);
    if (!m) return { error: DATE_FORMAT };
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
      return { error: `${DATE_INVALID}: ${text.trim()}` };
    }
    const pad = (n) => String(n).padStart(2, "0");
    return { iso: `${y}-${pad(mo)}-${pad(d)}` };
  }
  function dateInput(s, value, path, set) {
    const input = el("input", {
      type: "text", inputmode: "numeric", autocomplete: "off", maxlength: 10, "data-path": path, name: path,
      "data-date": "", placeholder: "ngày/tháng/năm", pattern: "\\d{1,2}[\\/.\\-]\\d{1,2}[\\/.\\-]\\d{4}",
      title: "Ngày/tháng/năm, ví dụ 20/01/2026",
    });
    input.value = isoToDmy(value);
    const errorBox = () => form.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
    const check = (strict) => {
      const raw = input.value;
      const box = errorBox();
      if (raw.trim() === "") { set(nullable(s) ? null : ""); if (box) box.textContent = ""; return; }
      const read = dmyToIso(raw);
      set(read.iso || raw.trim());
      const message = read.error && strict ? read.error : "";
      input.setCustomValidity(read.error || "");
      // While typing only a finished, valid date clears the message; a half-typed one is not an error yet.
      if (box && (strict || !read.error)) {
        box.textContent = message;
        box.parentElement.classList.toggle("invalid", !!message);
      }
    };
    input.addEventListener("input", () => { check(false); changed(); });
    input.addEventListener("change", () => check(true));
    return input;
  }

  function field(name, s, value, path, set) {
    const k = kindOf(s);
    if (k === "object") return objectBox(name, s, value, path, set);
    if (k === "array") return arrayBox(name, s, value || [], path, set);
    const wrap = el("label", { class: "field", "data-field": path }, el("span", {}, labelFor(name, path)));
    wrap.append(scalarInput(name, s, value, path, set), el("small", { class: "field-error", "data-error-for": path }));
    return wrap;
  }

  function objectBox(name, s, value, path, set) {
    const r = resolve(s);
    const box = el("fieldset", { class: "obj", "data-path": path });
    if (name) box.append(el("legend", {}, labelFor(name, path)));
    if (value == null) {
      const add = el("button", { type: "button", class: "small" }, "+ Thêm " + (LABELS[name] || name).toLowerCase());
      add.addEventListener("click", () => { set(emptyFor(s)); render(); changed(); });
      box.append(add);
      return box;
    }
    const grid = el("div", { class: "obj-grid" });
    Object.entries(r.properties).forEach(([key, sub]) => {
      const child = field(key, sub, value[key], path ? `${path}.${key}` : key, (v) => { value[key] = v; });
      (kindOf(sub) === "object" || kindOf(sub) === "array" ? box : grid).append(child);
    });
    box.insertBefore(grid, box.children[name ? 1 : 0] || null);
    box.append(el("small", { class: "field-error", "data-error-for": path }));
    if (nullable(s) && name) {
      const drop = el("button", { type: "button", class: "small danger" }, "Bỏ phần này");
      drop.addEventListener("click", () => { set(null); render(); changed(); });
      box.append(drop);
    }
    return box;
  }

  function arrayBox(name, s, list, path, set) {
    const r = resolve(s);
    set(list);
    const box = el("fieldset", { class: "arr", "data-path": path }, el("legend", {}, `${labelFor(name, path)} (${list.length})`));
    list.forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      const nested = kindOf(r.items) === "object" || kindOf(r.items) === "array";
      // Rows of objects keep their tools in a narrow left gutter: a tools column on the right
      // of every nesting level left the innermost fields a few characters wide.
      const row = el("div", { class: nested ? "row row-nested" : "row" });
      const tools = el("div", { class: "row-tools" });
      [["↑", -1, "Lên"], ["↓", 1, "Xuống"]].forEach(([sym, d, label]) => {
        const b = el("button", { type: "button", class: "small", title: label, "aria-label": label }, sym);
        b.disabled = i + d < 0 || i + d >= list.length;
        b.addEventListener("click", () => { const [x] = list.splice(i, 1); list.splice(i + d, 0, x); render(); changed(); });
        tools.append(b);
      });
      const del = el("button", { type: "button", class: "small danger", title: "Xóa", "aria-label": "Xóa" }, "✕");
      del.addEventListener("click", () => { list.splice(i, 1); render(); changed(); });
      tools.append(del);
      const itemSchema = r.items;
      const inner = kindOf(itemSchema) === "object" || kindOf(itemSchema) === "array"
        ? field("", itemSchema, item, itemPath, (v) => { list[i] = v; })
        : scalarInput(name, itemSchema, item, itemPath, (v) => { list[i] = v; });
      row.append(el("span", { class: "row-no" }, String(i + 1)), inner, tools,
        el("small", { class: "field-error", "data-error-for": itemPath }));
      box.append(row);
    });
    const add = el("button", { type: "button", class: "small add", "data-add": path }, `+ Thêm ${ITEM_NAMES[name] || "dòng"}`);
    add.addEventListener("click", () => { list.push(emptyFor(r.items)); render(); changed(); });
    box.append(add, el("small", { class: "field-error", "data-error-for": path }));
    return box;
  }

  function render() {
    const open = [...form.querySelectorAll("details[open]")].map((d) => d.dataset.key);
    const first = !form.children.length;
    const derived = !!meta.parent_id;
    form.replaceChildren();
    // First what the drafter must fill (number, date, signer, recipients); then the plan's other
    // scalars (symbol, subject ...) in one box; then each part in its own, folded when it came
    // from the parent plan.
    const must = el("details", { "data-key": "_must", class: "part must-fill", open: "" },
      el("summary", {}, "Cần điền: số, ngày, người ký, nơi nhận"));
    const mustGrid = el("div", { class: "obj-grid" });
    must.append(mustGrid);
    const general = el("details", { "data-key": "_general", class: "part" }, el("summary", {}, "Thông tin chung"));
    const grid = el("div", { class: "obj-grid" });
    general.append(grid);
    if (first || open.includes("_general")) general.open = true;
    form.append(must, general);
    Object.entries(schema.properties).forEach(([key, sub]) => {
      if (HIDDEN.includes(key)) return;
      const node = field(key, sub, doc[key], key, (v) => { doc[key] = v; });
      const scalar = kindOf(sub) !== "object" && kindOf(sub) !== "array";
      if (MUST_FILL.includes(key)) { (scalar ? mustGrid : must).append(node); return; }
      if (scalar) { grid.append(node); return; }
      const holder = el("details", { "data-key": key, class: "part" }, el("summary", {}, LABELS[key] || key));
      if (open.includes(key) || (first && !derived && key === "sections")) holder.open = true;
      if (key === "issuer") holder.append(el("p", { class: "meta" }, "Tên, viết tắt, cấp và địa danh lấy từ danh mục cơ quan của đơn vị khi lưu."));
      holder.append(node);
      form.append(holder);
    });
    if (derived && first) {
      form.append(el("p", { class: "meta" }, "Các phần lấy từ kế hoạch cấp trên đang thu gọn; bấm vào tên phần để xem, sửa."));
    }
  }

  function setState(text) { document.getElementById("save-state").textContent = text; }

  // "sections[1].targets[0].value" → "Các phần 2 › Chỉ tiêu 1 › Giá trị": the summary above the
  // form names fields the way the form labels them, not by their JSON path.
  function pathLabel(path) {
    if (!path || path === "_schema") return "Kế hoạch";
    return path.split(".").map((part) => {
      const m = part.match(/^([^\[]*)((?:\[\d+\])*)$/);
      if (!m) return part;
      const idx = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]) + 1).join(".");
      return { name: m[1], idx };
    }).map((x, i, all) => {
      if (typeof x === "string") return x;
      const upTo = all.slice(0, i + 1).map((y) => (typeof y === "string" ? y : y.name)).join(".");
      return `${labelFor(x.name, upTo)}${x.idx ? " " + x.idx : ""}`;
    }).join(" › ");
  }

  function showErrors(errors) {
    form.querySelectorAll(".field-error").forEach((e) => { e.textContent = ""; });
    form.querySelectorAll(".invalid").forEach((e) => e.classList.remove("invalid"));
    const box = document.getElementById("errors");
    const list = Object.entries(errors || {});
    box.hidden = list.length === 0;
    box.replaceChildren(...list.map(([p, msgs]) => el("div", {}, `${pathLabel(p)}: ${msgs.join("; ")}`)));
    list.forEach(([p, msgs]) => {
      let target = form.querySelector(`[data-error-for="${CSS.escape(p)}"]`);
      let probe = p;
      while (!target && probe.includes(".")) {
        probe = probe.slice(0, probe.lastIndexOf("."));
        target = form.querySelector(`[data-error-for="${CSS.escape(probe)}"]`);
      }
      if (target) {
        target.textContent = msgs.join("; ");
        target.parentElement.classList.add("invalid");
        let d = target.closest("details"); if (d) d.open = true;
      }
    });
  }

  // Sentence and value side by side when they disagree (a sentence edited by hand).
  function showWarnings(warnings) {
    const box = document.getElementById("warnings");
    const list = warnings || [];
    box.hidden = list.length === 0;
    box.replaceChildren(...list.map((w) => el("div", {}, w)));
  }

  function cleaned(value) {
    if (Array.isArray(value)) return value.map(cleaned);
    if (value && typeof value === "object") {
      const out = {};
      Object.entries(value).forEach(([k, v]) => { if (v !== null && v !== "" && !(Array.isArray(v) && !v.length)) out[k] = cleaned(v); });
      return out;
    }
    return value;
  }

  async function post(url, body) {
    if (sessionLost) {
      // The page's CSRF token died with the old session: take the one of the new sign-in.
      const res = await fetch("/auth/csrf", { credentials: "same-origin" });
      if (res.ok) csrf = (await res.json()).csrf_token;
    }
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: JSON.stringify(body),
    });
  }

  async function save(autosave) {
    if (saving || conflicted) return;
    saving = true; setState(autosave ? "Đang tự lưu…" : "Đang lưu…");
    const carried = edits;
    try {
      const res = await post(meta.save_url, { plan_id: meta.plan_id, base_version: meta.base_version, parent_id: meta.parent_id, autosave, document: cleaned(doc) });
      const body = await res.json();
      if (res.ok) {
        showErrors({}); sessionLost = false;
        const typedSince = edits !== carried; // typed while the save was on its way: keep it
        dirty = typedSince;
        const first = !meta.plan_id;
        meta.plan_id = body.plan_id; meta.base_version = body.version;
        const bv = document.getElementById("base-version"); if (bv) bv.textContent = body.version;
        setState(`${body.message} (v${body.version}, ${new Date().toLocaleTimeString("vi-VN")})`);
        if (first) history.replaceState(null, "", body.edit_url);
        // The server keeps a quota's sentence in step with its value: show what it stored.
        if (body.document && !typedSince) { doc = body.document; render(); }
        showWarnings(body.warnings);
      } else if (res.status === 422) {
        showErrors(body.errors); setState(body.message);
      } else if (res.status === 409) {
        conflicted = true; showConflict(body);
      } else if (res.status === 401 || (res.status === 400 && /CSRF/.test(body.message || ""))) {
        showSessionLost();
      } else {
        setState(body.message || `Lỗi ${res.status}`);
      }
    } catch (e) {
      setState("Không kết nối được máy chủ; thay đổi chưa được lưu");
    } finally { saving = false; }
  }

  // Signed out (another tab, an expired session): say so, keep everything typed, and let the
  // next save (or autosave) go through once the user has signed in again elsewhere.
  function showSessionLost() {
    sessionLost = true;
    const box = document.getElementById("errors");
    box.hidden = false;
    const link = el("a", { href: "/auth/login", target: "_blank", rel: "noopener" }, "mở trang đăng nhập trong thẻ mới");
    box.replaceChildren(el("strong", {}, "Chưa lưu: phiên đăng nhập đã hết hoặc bạn đã đăng xuất. "),
      "Nội dung đang soạn vẫn còn trên trang này, đừng tải lại trang. Hãy ", link,
      ", đăng nhập, rồi quay lại bấm Lưu.");
    setState("Chưa lưu: cần đăng nhập lại");
  }

  function showConflict(body) {
    const box = document.getElementById("conflict");
    box.hidden = false;
    const lines = [];
    const d = body.diff || {};
    const name = (f) => LABELS[f] || f;
    const change = (x) => `${name(x.field)}: «${x.old ?? "—"}» → «${x.new ?? "—"}»`;
    ["targets", "tasks", "assignments"].forEach((k) => (d[k] || []).forEach((c) => {
      const f = (c.fields || []).map(change).join("; ");
      lines.push(`${LABELS[k]} — ${c.kind === "added" ? "thêm" : c.kind === "removed" ? "bỏ" : "sửa"}: ${c.text}${f ? " (" + f + ")" : ""}`);
    }));
    (d.header || []).concat(d.recipients || []).forEach((x) => lines.push(change(x)));
    const who = body.saved_by ? `${body.saved_by} đã lưu phiên bản v${body.current_version} lúc ${body.saved_at}`
      : `Đã có phiên bản v${body.current_version}`;
    // Two explicit ways out: nothing is overwritten unless the user asks for it after reading the list.
    const mine = el("button", { type: "button", class: "primary" }, `Lưu bản của tôi đè lên v${body.current_version}`);
    mine.addEventListener("click", () => { meta.base_version = body.current_version; conflicted = false; box.hidden = true; save(false); });
    const theirs = el("button", { type: "button" }, `Bỏ thay đổi của tôi, mở v${body.current_version}`);
    theirs.addEventListener("click", () => { dirty = false; window.location.reload(); });
    box.replaceChildren(
      el("strong", {}, "Chưa lưu: kế hoạch đã được người khác sửa sau khi bạn mở."),
      el("p", {}, `${who} (bạn đang sửa từ v${meta.base_version}). Các thay đổi của họ:`),
      el("ul", {}, ...(lines.length ? lines : ["(không có thay đổi về nội dung)"]).map((l) => el("li", {}, l))),
      el("p", {}, "Tự lưu đã tạm dừng. Nội dung bạn đang soạn vẫn còn trên màn hình."),
      el("div", { class: "actions" }, mine, theirs));
    setState("Xung đột phiên bản: chưa lưu");
  }

  let previewTimer = null;
  function schedulePreview() { clearTimeout(previewTimer); previewTimer = setTimeout(refreshPreview, 800); }
  async function refreshPreview() {
    const res = await post(meta.preview_url, { document: cleaned(doc) });
    const pane = document.getElementById("preview");
    if (res.ok) { pane.innerHTML = await res.text(); showErrors({}); }
    else if (res.status === 422) {
      const errors = (await res.json()).errors;
      // A new, untouched form is not greeted with red errors: the pane says what is still needed.
      if (dirty) showErrors(errors);
      if (!pane.querySelector(".paper") || !dirty) {
        pane.replaceChildren(el("p", { class: "card meta" }, "Bản xem trước hiện khi đã nhập đủ: "
          + Object.keys(errors).map(pathLabel).join(", ") + "."));
      }
    }
  }

  document.getElementById("save").addEventListener("click", () => save(false));
  setInterval(() => { if (dirty && meta.plan_id) save(true); }, Math.max(5, meta.autosave_seconds) * 1000);
  window.addEventListener("beforeunload", (e) => { if (dirty) { e.preventDefault(); e.returnValue = ""; } });
  showWarnings(JSON.parse(document.getElementById("plan-warnings").textContent));
  window.kehoachEditor = { get document() { return doc; }, render, save };
  render();
  refreshPreview();
})();
