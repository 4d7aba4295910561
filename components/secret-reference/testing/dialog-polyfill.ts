/**
 * jsdom has `<dialog>` but not `showModal()`, `close()` or Escape. This stands in for the browser's behaviour the
 * dialogs rely on — open attribute, focus returned to the opener on close, Escape firing `cancel` then closing,
 * `close` fired as a separate task — so DOM tests can drive them. Browsers' own behaviour is covered by e2e.
 * Test support only; the portal never loads it.
 */
const modals: HTMLDialogElement[] = [];
const openers = new WeakMap<HTMLDialogElement, Element | null>();
let installed = false;

export function installDialogPolyfill(): void {
  if (installed) return;
  installed = true;
  const proto = HTMLDialogElement.prototype;
  Object.defineProperty(proto, "open", {
    configurable: true,
    get(this: HTMLDialogElement) {
      return this.hasAttribute("open");
    },
  });
  proto.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open) throw new DOMException("The dialog is already open.", "InvalidStateError");
    openers.set(this, document.activeElement);
    this.setAttribute("open", "");
    modals.push(this);
    const first = this.querySelector<HTMLElement>("[autofocus], input, textarea, select, button");
    first?.focus();
  };
  proto.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.removeAttribute("open");
    modals.splice(modals.indexOf(this), 1);
    const opener = openers.get(this);
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    setTimeout(() => this.dispatchEvent(new Event("close")), 0);
  };
  document.addEventListener("keydown", (e) => {
    const top = modals.at(-1);
    if (e.key !== "Escape" || !top) return;
    if (top.dispatchEvent(new Event("cancel", { cancelable: true }))) top.close();
  });
}
