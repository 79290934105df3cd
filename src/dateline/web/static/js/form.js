// Filter forms: each field mirrors one query parameter of the page's route, so a filtered page is a link
// that can be bookmarked and shared, and submitting the form just changes the hash.

import { h, route } from "./dom.js";

/**
 * A <form> of labelled fields. Each field: {name, label, type?: "text"|"date"|"select"|"number", options?,
 * placeholder?, default?, list?: suggestions or a promise of them}. Submitting navigates to `path` with the fields' values (plus `keep`).
 */
export function filterForm(path, query, fields, { submit = "Apply", keep = {} } = {}) {
  const form = h("form", { class: "filters", role: "search" });
  for (const field of fields) {
    form.append(h("label", {}, h("span", {}, field.label), input(field, query[field.name] || field.default)));
  }
  form.append(h("button", { type: "submit", class: "primary" }, submit));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = { ...keep };
    for (const [name, value] of new FormData(form)) values[name] = String(value).trim();
    location.hash = route(path, values);
  });
  return form;
}

/** The field every fact list and chart has: facts more likely right than wrong (the server's default), or all. */
export const CONFIDENCE_FIELD = {
  name: "min_confidence", label: "Shown", type: "select",
  options: [["", "likely right"], ["0", "every fact, unsure too"]],
};

function input(field, value) {
  if (field.type === "select") {
    const select = h("select", { name: field.name });
    for (const option of field.options) {
      const [optionValue, label] = Array.isArray(option) ? option : [option, option];
      select.append(h("option", { value: optionValue, selected: optionValue === (value ?? "") }, label));
    }
    return select;
  }
  const listId = field.list ? `list-${field.name}` : null;
  const box = h("input", {
    name: field.name,
    type: field.type ?? "text",
    value: value ?? "",
    placeholder: field.placeholder,
    list: listId,
    min: field.min,
    autocomplete: "off",
    size: field.size,
  });
  if (!field.list) return box;
  // Suggestions may still be on their way (a promise): the field works without them meanwhile.
  const datalist = h("datalist", { id: listId });
  Promise.resolve(field.list)
    .then((items) => datalist.append(...items.map((item) => h("option", { value: item }))))
    .catch(() => {});
  return [box, datalist];
}
