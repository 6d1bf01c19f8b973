//! The one DOM helper every module of the shell shares: an element with a class and text.

/** A new `tag` element with `className` and (as text, never markup) `text`. */
export function make(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}
