/**
 * All of the panel's CSS, adopted into the widget's Shadow DOM root. The root resets everything it could
 * inherit from the host page (`all: initial`), so every rule here is explicit. Brand colours come from
 * `--parley-brand` / `--parley-on-brand`.
 */
export const panelStyles = `
.pp{all:initial;position:fixed;bottom:90px;right:20px;width:370px;height:560px;max-width:calc(100vw - 40px);
max-height:calc(100vh - 110px);display:flex;flex-direction:column;box-sizing:border-box;overflow:hidden;
background:#fff;color:#1f2328;border-radius:14px;box-shadow:0 8px 32px rgba(0,0,0,.22);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;text-align:left;
--pf:#1a56db}
.pp.left{right:auto;left:20px}
.pp *,.pp *::before,.pp *::after{box-sizing:border-box}
:where(.pp) :where(button,textarea,input){font:inherit;color:inherit;margin:0}
:where(.pp) button{cursor:pointer}
:where(.pp) button:disabled{cursor:default;opacity:.5}
.pp :focus-visible{outline:3px solid var(--pf);outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.hd{display:flex;align-items:center;gap:10px;padding:12px 12px 12px 16px;background:var(--parley-brand,#2563eb);
color:var(--parley-on-brand,#fff);flex:none}
.hd :focus-visible{outline-color:currentColor}
.av{flex:none;width:36px;height:36px;border-radius:50%;display:flex;align-items:center;justify-content:center;
font-weight:600;font-size:13px;background:rgba(255,255,255,.25);border:2px solid currentColor}
.ht{flex:1;min-width:0}
.tt{margin:0;font-size:16px;font-weight:600;line-height:1.25;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.ag{margin:0;font-size:13px;opacity:.9;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.hb{flex:none;background:transparent;border:1px solid currentColor;border-radius:8px;padding:4px 10px;font-size:13px}
.hx{flex:none;display:flex;align-items:center;justify-content:center;width:36px;height:36px;padding:0;border:0;
border-radius:8px;background:transparent}
.hx:hover,.hb:hover{background:rgba(127,127,127,.2)}
.cf{display:flex;align-items:center;gap:8px;flex-wrap:wrap;padding:10px 16px;background:#fff8e6;border-bottom:1px solid #f0dca8;flex:none}
.cf p{margin:0;flex:1;font-weight:600}
.bt{border:1px solid #c4c9d0;background:#fff;border-radius:8px;padding:6px 12px}
.bt:hover{background:#f2f4f7}
.pr{border:0;background:var(--parley-brand,#2563eb);color:var(--parley-on-brand,#fff);border-radius:8px;padding:8px 14px;font-weight:600}
.pr:hover{filter:brightness(.95)}
.st{flex:none;margin:0;padding:6px 16px;background:#fdf1dc;color:#6b4400;font-size:13px;text-align:center}
.st:empty{display:none}
.st.off{background:#fde8e8;color:#8a1c1c}
.lg{flex:1;overflow-y:auto;margin:0;padding:16px;list-style:none;display:flex;flex-direction:column;gap:6px;overscroll-behavior:contain}
.gr{align-self:stretch;margin:0 0 8px;padding:10px 12px;background:#f2f4f7;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere}
.m{display:flex;flex-direction:column;align-items:flex-start;max-width:85%}
.m.me{align-self:flex-end;align-items:flex-end}
.m.sys{align-self:center;align-items:center;max-width:100%;color:#59636e;font-size:13px;font-style:italic;text-align:center}
.wh{font-size:12px;font-weight:600;color:#59636e;margin:6px 0 2px}
.bb{padding:8px 12px;border-radius:14px 14px 14px 4px;background:#eef0f3;color:#1f2328;white-space:pre-wrap;overflow-wrap:anywhere}
.me .bb{border-radius:14px 14px 4px 14px;background:var(--parley-brand,#2563eb);color:var(--parley-on-brand,#fff)}
.sys .bb{background:transparent;padding:2px 0}
.bb a{color:inherit;text-decoration:underline}
.mt{display:flex;align-items:center;gap:6px;font-size:11px;color:#59636e;margin-top:2px}
.fl{color:#b42318;font-weight:600}
.rt{border:0;background:transparent;color:#1a56db;text-decoration:underline;padding:0;font-size:12px}
.ty{margin:0;padding:0 16px 6px;font-size:12px;font-style:italic;color:#59636e;flex:none}
.qu:empty{display:none}
.qu{flex:none;margin:0;padding:8px 16px;font-size:13px;text-align:center;background:#f2f4f7;color:#1f2328}
.cm{flex:none;display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e3e6ea}
.cm textarea{flex:1;min-width:0;resize:none;min-height:40px;max-height:120px;field-sizing:content;padding:9px 12px;
border:1px solid #c4c9d0;border-radius:10px;background:#fff;line-height:1.4}
.cm textarea[aria-invalid=true]{border-color:#b42318}
.sd{flex:none;width:40px;height:40px;display:flex;align-items:center;justify-content:center;padding:0;border:0;border-radius:50%;
background:var(--parley-brand,#2563eb);color:var(--parley-on-brand,#fff)}
.ct{flex-basis:100%;margin:0;font-size:12px;color:#59636e}
.ct.ov{color:#b42318;font-weight:600}
.ra{flex:none;display:flex;flex-direction:column;align-items:center;gap:10px;padding:14px 16px;border-top:1px solid #e3e6ea;text-align:center}
.ra p{margin:0}
.ra form{display:flex;flex-direction:column;align-items:stretch;gap:8px;width:100%}
.ra fieldset{border:0;margin:0;padding:0;display:flex;justify-content:center;gap:4px}
.ra legend{padding:0;margin:0 auto 6px;font-weight:600}
.sa{width:40px;height:40px;padding:0;border:0;background:transparent;font-size:28px;line-height:1;color:#8a929c;border-radius:8px}
.sa.on{color:#b77900}
.ra textarea{resize:vertical;min-height:56px;padding:8px 10px;border:1px solid #c4c9d0;border-radius:8px;background:#fff}
.ra label{font-size:13px;text-align:left;display:flex;flex-direction:column;gap:4px}
.th{font-weight:600}
.pp input,.of textarea{min-width:0;padding:7px 10px;border:1px solid #c4c9d0;border-radius:8px;background:#fff}
.pp [aria-invalid=true]{border-color:#b42318}
.rw{display:flex;gap:6px}.rw input{flex:1}
.au,.fq{font-size:13px}.au p,.fq p{margin:0}
.fq label,.et label{display:block;font-weight:600;margin-bottom:4px}
.fq ul{list-style:none;margin:6px 0 0;padding:0}
.fq li{border-top:1px solid #e3e6ea;padding:6px 0}
.fq summary{cursor:pointer;font-weight:600}
.fq details p{margin-top:4px;white-space:pre-wrap;overflow-wrap:anywhere}
.bo .bb{border:1px dashed #8a929c}
.m .bt,.fb{margin-top:4px;font-size:13px}
.fb{display:flex;flex-wrap:wrap;align-items:center;gap:6px}
.of{flex:none;display:flex;flex-direction:column;gap:8px;padding:10px 12px;border-top:1px solid #e3e6ea;max-height:75%;overflow-y:auto}
.of h3{margin:0;font-size:15px}
.of label{display:flex;flex-direction:column;gap:2px;font-size:13px}
.of textarea{resize:vertical}
.of .rw{justify-content:flex-end}
.of p,.et p{margin:4px 0 0}
.et{width:100%;text-align:left}
@media (max-width:639.98px){
.pp,.pp.left{inset:0;width:auto;height:auto;max-width:none;max-height:none;border-radius:0;
padding:0 env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}
.hd{padding-top:calc(12px + env(safe-area-inset-top))}
.cm textarea,.pp input,.of textarea{font-size:16px}
}
@media (prefers-reduced-motion:reduce){.pp *{transition:none;animation:none}}
@media (forced-colors:active){.bb,.pp{border:1px solid CanvasText}}
`;
