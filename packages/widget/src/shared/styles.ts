/**
 * Adds CSS to a Shadow DOM root as a constructed stylesheet (no inline <style>, so a strict CSP has
 * nothing to refuse); older browsers get a <style> carrying the page's nonce.
 */
export function adoptStyles(root: ShadowRoot, css: string, nonce?: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.append(style);
  }
}
