/** The page's element with this id. */
export const byId = (id) => document.getElementById(id);

/**
 * A new element. `class`, `text` and `on…` props are handled; the rest become attributes.
 * Children are nodes or strings, and strings are text: customer words and file names are never HTML.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return node;
}
