/**
 * Attachments that move keyboard focus when an element appears, for steps that replace the
 * control a person just used (Delete → Confirm delete, an editor opening).
 *
 * @example
 * <button {@attach focusOnMount}>Confirm delete</button>
 */

/** Focuses the element as soon as it is in the document. */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}

/** Focuses the element when it appears, if `should()` says so at that moment (then calls `done`). */
export function focusIf(should: () => boolean, done: () => void): (node: HTMLElement) => void {
  return (node) => {
    if (!should()) return;
    node.focus();
    done();
  };
}
