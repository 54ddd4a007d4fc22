// What every part of the desk uses to write its markup: no state.

/** The page's element with this id. */
export const $ = (id) => document.getElementById(id);

/** A text as HTML (for text and attribute values alike). */
export const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
