// Receipt templates for the held-out-like set: stores and layouts that the dev split does not have.
// Each template takes a seeded random source and returns the HTML and its gold labels, written
// together so that the labels say exactly what was printed. Names, numbers and addresses are made up.

export const MODELS = [
  'QTN8045B', 'QCN8001B', 'QCA7207B', 'QH8034B', 'QT5440', 'QC938', 'QD6502B', 'QTN8086B', 'QT5682', 'QCN8019B', 'QCA7202B', 'QTN8016',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function rngOf(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    digits: (n) => Array.from({ length: n }, (_, i) => (i === 0 ? 1 + Math.floor(next() * 9) : Math.floor(next() * 10))).join(''),
    money: (lo, hi) => (lo + next() * (hi - lo)).toFixed(2),
  };
}

// ---- dates ----
const utc = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
export const addDays = (date, n) => new Date(date.getTime() + n * 86400000);
const p2 = (n) => String(n).padStart(2, '0');
const Y = (d) => d.getUTCFullYear();
const M = (d) => d.getUTCMonth() + 1;
const D = (d) => d.getUTCDate();
export const iso = (d) => `${Y(d)}-${p2(M(d))}-${p2(D(d))}`;
const us = (d) => `${M(d)}/${D(d)}/${Y(d)}`;
const us0 = (d) => `${p2(M(d))}/${p2(D(d))}/${Y(d)}`;
const us2 = (d) => `${p2(M(d))}/${p2(D(d))}/${String(Y(d)).slice(2)}`;
const long = (d) => `${MONTHS[M(d) - 1]} ${D(d)}, ${Y(d)}`;
const short = (d) => `${MONTHS[M(d) - 1].slice(0, 3)} ${D(d)}, ${Y(d)}`;
const shortNoYear = (d) => `${DAYS[d.getUTCDay()].slice(0, 3)}, ${MONTHS[M(d) - 1].slice(0, 3)} ${D(d)}`;
const dmy = (d) => `${D(d)}-${MONTHS[M(d) - 1].slice(0, 3)}-${Y(d)}`;
const dmyUp2 = (d) => `${p2(D(d))}-${MONTHS[M(d) - 1].slice(0, 3).toUpperCase()}-${String(Y(d)).slice(2)}`;
const weekdayLong = (d) => `${DAYS[d.getUTCDay()]}, ${long(d)}`;
const time = (r) => `${r.int(1, 12)}:${p2(r.int(0, 59))} ${r.pick(['AM', 'PM'])}`;
const time24 = (r) => `${p2(r.int(8, 21))}:${p2(r.int(0, 59))}`;
const time24s = (r) => `${time24(r)}:${p2(r.int(0, 59))}`;

export function randomDate(r) {
  return utc(r.int(2025, 2027), r.int(1, 12), r.int(1, 28));
}

// ---- pieces ----
const THERMAL_CSS = `body{margin:0;background:#fff}.r{width:360px;padding:24px 22px;font:15px/1.45 'DejaVu Sans Mono','Liberation Mono',monospace;color:#111}
.c{text-align:center}.b{font-weight:bold}.big{font:bold 30px/1.2 'DejaVu Sans',Arial,sans-serif;text-align:center;letter-spacing:1px}
.row{display:flex;justify-content:space-between}.hr{border-top:1px dashed #333;margin:8px 0}.sp{height:12px}.ind{padding-left:2ch}`;
const PAGE_CSS = `body{margin:0;background:#fff}.p{width:760px;padding:34px 40px;font:15px/1.45 'Liberation Sans',Arial,sans-serif;color:#1a1a1a}
h1{font-size:26px;margin:0 0 6px}h2{font-size:18px;margin:18px 0 6px}table{border-collapse:collapse;width:100%}
td,th{padding:5px 8px;text-align:left;vertical-align:top}th{background:#eee;font-size:13px;text-transform:uppercase}
.grid td,.grid th{border:1px solid #999}.muted{color:#666;font-size:13px}.right{text-align:right}.box{border:1px solid #bbb;padding:10px 14px;margin:10px 0}
.flex{display:flex;justify-content:space-between;gap:20px}.small{font-size:12px}`;
const APP_CSS = `body{margin:0;background:#f2f2f2}.a{width:390px;font:16px/1.4 'Liberation Sans',Arial,sans-serif;color:#111;background:#fff}
.bar{display:flex;justify-content:space-between;padding:8px 18px;font-weight:bold;font-size:14px}.hd{background:#0a5;color:#fff;padding:14px 18px;font-size:20px;font-weight:bold}
.sec{padding:12px 18px;border-bottom:8px solid #f2f2f2}.muted{color:#666;font-size:14px}.banner{background:#fff4d6;padding:10px 18px;font-size:14px}`;

const wrap = (css, cls, body) => `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body><div class="${cls}">${body}</div></body></html>`;
const row = (l, rr) => `<div class="row"><span>${l}</span><span>${rr}</span></div>`;
const addr = (r) => `${r.int(100, 9899)} ${r.pick(['Oak', 'Commerce', 'Lakeview', 'Industrial', 'Market', 'Pioneer', 'Ridge'])} ${r.pick(['Blvd', 'Pkwy', 'Dr', 'Ave', 'Rd'])}`;
const city = (r) => r.pick(['Columbus, OH 43219', 'Tucson, AZ 85710', 'Raleigh, NC 27609', 'Boise, ID 83704', 'Omaha, NE 68137', 'Fresno, CA 93722', 'Lansing, MI 48911']);
const phone = (r) => `(${r.int(201, 989)}) 555-${p2(r.int(10, 99))}${p2(r.int(10, 99))}`;

function pickModels(r, n) {
  const out = [];
  while (out.length < n) {
    const m = r.pick(MODELS);
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

// how a store prints one model; returns [printed text, note or null]
function printed(r, model, style) {
  const kit = `${model}-${r.pick(['8', '4', '16'])}${r.pick(['BE', 'GA', 'RH'])}-${r.pick(['2', '4'])}`;
  switch (style) {
    case 'kit':
      return [kit, `kit SKU ${kit} (gold ${model})`];
    case 'hyphen': {
      const h = model.replace(/^(Q[A-Z]{1,3})(\d)/, '$1-$2');
      return [h, `model printed hyphenated ${h} (gold ${model})`];
    }
    case 'hashglued':
      return [`Model#${model}`, `model printed glued to its label Model#${model}`];
    default:
      return [model, null];
  }
}

// ================= templates =================

/** big-box home-improvement thermal receipt: date inside the store/register line, 2-digit year, policy expiry table */
function bigBoxThermal(r) {
  const d = randomDate(r);
  const store = r.pick(['HOMESTEAD DEPOT', 'BUILDRIGHT HOME CENTER']);
  const models = pickModels(r, r.int(1, 2));
  const notes = [];
  const items = models
    .map((m, i) => {
      const style = r.pick(['plain', 'hashglued', 'kit']);
      const [t, n] = printed(r, m, style);
      if (n) notes.push(n);
      return `<div>${r.digits(12)} ${i === 0 ? 'QSEE 4K NVR' : 'QSEE CAMERA'} &lt;A&gt;</div><div class="ind">${style === 'hashglued' ? t : `MODEL ${t}`}</div>${row('', `${r.money(60, 400)}`)}`;
    })
    .join('');
  const exp = addDays(d, 90);
  const storeNo = p2(r.int(1, 99)) + p2(r.int(0, 99));
  const html = wrap(
    THERMAL_CSS,
    'r',
    `<div class="big">${store}</div><div class="c">${addr(r)}<br>${city(r)}<br>${phone(r)}</div><div class="sp"></div>
<div>${storeNo} 000${r.int(10, 99)} ${r.int(10, 99)}${r.int(100, 999)}&nbsp;&nbsp;${us2(d)} ${time(r)}</div>
<div>SALE SELF CHECKOUT</div><div class="hr"></div>
<div>${r.digits(12)} 3/4IN PVC CONDUIT &lt;A&gt;</div>${row('', r.money(2, 9))}${items}
<div>${r.digits(12)} QUIKRETE 50LB &lt;A&gt;</div>${row('', r.money(5, 9))}
<div class="hr"></div>${row('SUBTOTAL', r.money(300, 900))}${row('SALES TAX', r.money(20, 60))}${row('TOTAL', '$' + r.money(320, 960))}
<div>XXXXXXXXXXXX${r.digits(4)} VISA</div><div>AUTH CODE ${r.digits(6)}/${r.digits(7)}</div><div class="sp"></div>
<div class="c">RETURN POLICY DEFINITIONS</div>${row('POLICY ID DAYS', 'POLICY EXPIRES ON')}${row(`A &nbsp; 1 &nbsp; 90`, us2(exp))}
<div class="sp"></div><div class="c">DID WE NAIL IT?</div><div class="c">Take a short survey for a chance TO WIN A $5,000 GIFT CARD</div>
<div class="c">User ID: ${r.digits(3)} ${r.digits(3)} ${r.digits(3)}</div><div class="c">Password: ${r.digits(5)} ${r.digits(5)}</div>
<div class="c">Entries must be completed within 14 days of purchase.</div>`,
  );
  return {
    layout: 'thermal', html, seller: store === 'HOMESTEAD DEPOT' ? 'Homestead Depot' : 'BuildRight Home Center', sellerAliases: [],
    models, purchaseDate: iso(d), dateShown: `${us2(d)}`,
    note: `big-box thermal; date (2-digit year) inside the store/register line; policy expires ${us2(exp)}; ${notes.join('; ')}`,
  };
}

/** warehouse club: member number, date at the bottom followed by register numbers, items by item number */
function warehouseClub(r) {
  const d = randomDate(r);
  const models = pickModels(r, r.int(1, 2));
  const notes = [];
  const items = models
    .map((m) => {
      const [t, n] = printed(r, m, r.pick(['kit', 'plain']));
      if (n) notes.push(n);
      return row(`E ${r.digits(7)} QSEE ${t}`, r.money(150, 500));
    })
    .join('');
  const html = wrap(
    THERMAL_CSS,
    'r',
    `<div class="big">PRICEWISE</div><div class="c b">WHOLESALE</div><div class="c">${city(r).split(',')[0]} #${r.int(100, 999)}<br>${addr(r)}<br>${city(r)}</div>
<div class="sp"></div><div class="c">Member ${r.digits(12)}</div><div class="hr"></div>
${row(`E ${r.digits(7)} KS PAPER TWL`, r.money(15, 25))}${items}${row(`${r.digits(6)} TPD/${r.digits(7)}`, `${r.money(10, 40)}-`)}
${row('SUBTOTAL', r.money(200, 800))}${row('TAX', r.money(10, 50))}${row('**** TOTAL', r.money(210, 850))}
<div>XXXXXXXXXXXX${r.digits(4)} CHIP Read</div><div>AID: A0000000031010</div><div>Seq# ${r.digits(5)} App#: ${r.digits(6)}</div>
<div>Visa Resp: APPROVED</div><div class="sp"></div>${row('TOTAL NUMBER OF ITEMS SOLD =', String(models.length + 1))}
<div>${us0(d)} ${time24(r)} ${r.int(100, 999)} ${r.int(1, 20)} ${r.int(100, 999)} ${r.int(10, 99)}</div>
<div class="c">OP#: ${r.int(10, 99)} Name: ${r.pick(['Kim', 'Dale', 'Rosa', 'Ahmed'])}</div><div class="sp"></div>
<div class="c">Items Sold: ${models.length + 1}</div><div class="c">Thank You!</div><div class="c">Please Come Again</div>
<div class="c">Whse:${r.int(100, 999)} Trm:${r.int(1, 20)} Trn:${r.int(100, 999)} OP:${r.int(10, 99)}</div>`,
  );
  return {
    layout: 'thermal', html, seller: 'PriceWise Wholesale', sellerAliases: ['PriceWise'], models, purchaseDate: iso(d), dateShown: us0(d),
    note: `warehouse club; date at the bottom followed by register numbers; member number; ${notes.join('; ')}`,
  };
}

/** pharmacy-style receipt: date at top with time, returns-thru date, rewards expiry, RFN number */
function pharmacy(r) {
  const d = randomDate(r);
  const models = pickModels(r, 1);
  const [t, n] = printed(r, models[0], 'plain');
  const thru = addDays(d, 30);
  const rewardsExp = addDays(d, r.int(60, 120));
  const html = wrap(
    THERMAL_CSS,
    'r',
    `<div class="big">CORNERWELL</div><div class="c">PHARMACY</div><div class="c">#${r.int(1000, 19999)} ${addr(r)}<br>${city(r)}<br>${phone(r)}</div>
<div class="sp"></div>${row(`${r.int(100, 999)} ${r.int(1, 9)} ${r.int(10, 99)} ${r.int(1000, 9999)}`, `${us0(d)} ${time(r)}`)}<div class="hr"></div>
${row('ADVIL 200MG 50CT', r.money(8, 14))}${row('QSEE WIFI CAMERA', r.money(40, 90))}<div class="ind">${t}</div>
${row('SUBTOTAL', r.money(50, 100))}${row('TAX', r.money(3, 8))}${row('TOTAL', r.money(55, 110))}
<div>DEBIT ${r.digits(4)}</div><div class="sp"></div><div>RETURNS WITH RECEIPT THRU ${us2(thru)}</div>
<div>REWARDS CASH EXPIRES ${us0(rewardsExp)}</div><div class="sp"></div>
<div class="c">RFN# ${r.digits(4)}-${r.digits(4)}-${r.digits(4)}-${r.digits(4)}</div>
<div class="c">Tell us about your visit at cornerwell.com/survey</div>`,
  );
  return {
    layout: 'thermal', html, seller: 'Cornerwell Pharmacy', sellerAliases: ['Cornerwell'], models, purchaseDate: iso(d), dateShown: us0(d),
    note: `pharmacy receipt; returns thru ${us2(thru)}; rewards cash expires ${us0(rewardsExp)}; RFN number`,
  };
}

/** marketplace order details page: order date with month name, paid on same day, delivery range without year, seller store */
function marketplace(r) {
  const d = randomDate(r);
  const models = pickModels(r, 1);
  const notes = [];
  const [t, n] = printed(r, models[0], r.pick(['plain', 'kit']));
  if (n) notes.push(n);
  const orderNo = `${r.int(10, 29)}-${r.digits(5)}-${r.digits(5)}`;
  const del = addDays(d, r.int(3, 6));
  const shop = r.pick(['camdeals_outlet', 'secure-zone-usa', 'bestcam.liquidators']);
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="flex"><h1>tradebay</h1><div class="muted">Hi Jordan! &nbsp; My tradebay</div></div>
<h2>Order details</h2><div class="box"><div>Order date &nbsp; ${short(d)}</div><div>Order number &nbsp; ${orderNo}</div>
<div>Sold by &nbsp; <b>${shop}</b> (${r.int(100, 9999)}) 99.${r.int(1, 9)}% positive</div></div>
<div class="box"><b>Delivered</b> &nbsp; ${shortNoYear(del)}<div class="muted">Estimated delivery ${shortNoYear(addDays(d, 2))} - ${shortNoYear(del)}</div>
<div style="margin-top:8px">Q-See ${t} 4K Ultra HD ${r.pick(['8 Channel NVR', 'Bullet Camera 2-Pack', 'Dome Camera'])} - Open Box</div>
<div class="muted">Item number: ${r.digits(12)} &nbsp; Returns accepted until ${short(addDays(d, 30))}</div><div>US $${r.money(80, 400)}</div></div>
<h2>Payment info</h2><div>Paid on ${short(d)} with Visa x-${r.digits(4)}</div>
<div class="muted small">Copyright © 1995-${Y(d)} tradebay Inc. All Rights Reserved.</div>`,
  );
  return {
    layout: 'web', html, seller: 'tradebay', sellerAliases: [shop], models, purchaseDate: iso(d), dateShown: short(d),
    note: `marketplace order page; paid on the same day; returns until ${short(addDays(d, 30))}; delivery range without a year; ${notes.join('; ')}`,
    printHeader: { date: addDays(d, r.int(5, 40)), title: 'Order details | tradebay' },
  };
}

/** online electronics retailer email, forwarded by the customer later */
function forwardedEmail(r) {
  const d = randomDate(r);
  const fwd = addDays(d, r.int(20, 200));
  const models = pickModels(r, 2);
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="muted">From: Jordan Reyes &lt;jreyes77@gmail.com&gt;<br>Date: ${DAYS[fwd.getUTCDay()].slice(0, 3)}, ${short(fwd)} at ${time(r)}<br>Subject: Fwd: Your order #${r.digits(9)} has been processed<br>To: warranty@q-see.example</div>
<p>Here's my receipt for the claim.</p><div class="muted">---------- Forwarded message ---------<br>From: Circuitnest &lt;info@circuitnest.example&gt;<br>
Date: ${DAYS[d.getUTCDay()].slice(0, 3)}, ${short(d)} at ${time(r)}<br>Subject: Your order has been processed</div>
<h1>CIRCUITNEST</h1><p>Thank you for shopping at Circuitnest. We're getting your order ready.</p>
<table class="grid"><tr><th>Order Number</th><th>Order Date</th><th>Est. Ship Date</th></tr><tr><td>${r.digits(9)}</td><td>${us0(d)} ${time24s(r)}</td><td>${us0(addDays(d, 1))}</td></tr></table>
<h2>Items</h2><table class="grid"><tr><th>Item</th><th>Qty</th><th>Price</th></tr>
${models.map((m) => `<tr><td>Q-SEE ${m} ${r.pick(['4MP Bullet IP Camera', '8-Channel 4K NVR', 'Dome Camera'])}<br><span class="muted">Item#: 9SIA${r.digits(4)}${r.pick(['AB', 'KD', 'ZX'])}${r.digits(4)} &nbsp; Model #: ${m}</span></td><td>1</td><td>$${r.money(50, 300)}</td></tr>`).join('')}
</table><p class="muted">Circuitnest, ${addr(r)}, ${city(r)}</p>`,
  );
  return {
    layout: 'email', html, seller: 'Circuitnest', sellerAliases: [], models, purchaseDate: iso(d), dateShown: us0(d),
    note: `forwarded order email; forward date ${short(fwd)} above; est. ship date next day; item numbers 9SIA…`,
  };
}

/** distributor invoice: order, invoice, ship and due dates in one header row; 2-digit years; cust PO with digits */
function distributorInvoice(r) {
  const d = randomDate(r);
  const inv = addDays(d, r.int(1, 3));
  const models = pickModels(r, r.int(2, 3));
  const notes = [];
  const rows = models
    .map((m) => {
      const style = r.pick(['plain', 'hyphen', 'plain']);
      const [t, n] = printed(r, m, style);
      if (n) notes.push(n);
      return `<tr><td>${r.int(1, 10)}</td><td>QSE-${m.slice(1)}</td><td>Q-SEE ${r.pick(['IP CAMERA 4MP', 'NVR 16CH', 'TURRET 8MP'])}<br>MFR PART: ${t}</td><td class="right">${r.money(40, 400)}</td></tr>`;
    })
    .join('');
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="flex"><div><h1>Keystone Security Distribution</h1><div>${addr(r)}<br>${city(r)}<br>${phone(r)}</div></div><div><h1>INVOICE</h1><div>Invoice No. ${r.digits(7)}</div><div>Page 1 of 1</div></div></div>
<div class="flex box"><div><b>Bill To</b><br>Northpoint Alarm Co<br>${addr(r)}<br>${city(r)}</div><div><b>Ship To</b><br>Northpoint Alarm Co<br>${addr(r)}</div></div>
<table class="grid"><tr><th>Account</th><th>Cust PO</th><th>Order Date</th><th>Invoice Date</th><th>Ship Date</th><th>Terms</th><th>Due Date</th></tr>
<tr><td>${r.digits(6)}</td><td>${String(Y(d)).slice(2)}${p2(M(d))}-${r.int(10, 99)}</td><td>${us2(d)}</td><td>${us2(inv)}</td><td>${us2(inv)}</td><td>NET 30</td><td>${us2(addDays(inv, 30))}</td></tr></table>
<h2>Lines</h2><table class="grid"><tr><th>Qty</th><th>Item</th><th>Description</th><th>Ext</th></tr>${rows}</table>
<p>Please remit to: Keystone Security Distribution, PO Box ${r.int(1000, 9999)}, ${city(r)}</p>`,
  );
  return {
    layout: 'invoice', html, seller: 'Keystone Security Distribution', sellerAliases: ['Keystone Security'], models, purchaseDate: iso(d), dateShown: us2(d),
    note: `distributor invoice; header row Order/Invoice/Ship/Due dates (order date is gold); seller item codes QSE-…; ${notes.join('; ')}`,
  };
}

/** installer: quote turned into invoice, install date and payment received */
function installerInvoice(r) {
  const d = randomDate(r);
  const quote = addDays(d, -r.int(10, 30));
  const inst = addDays(d, r.int(2, 6));
  const models = pickModels(r, r.int(1, 2));
  const html = wrap(
    PAGE_CSS,
    'p',
    `<h1>Bright Eye Camera Installs</h1><div class="muted">${addr(r)} · ${city(r)} · ${phone(r)}</div>
<h2>INVOICE #${r.int(1000, 1999)}</h2><div>Converted from Quote #Q-${r.int(1000, 9999)} dated ${long(quote)}</div>
<div class="box"><div>Invoice date: ${long(d)}</div><div>Installation date: ${long(inst)}</div><div>Payment due: upon completion</div></div>
<table class="grid"><tr><th>Description</th><th>Qty</th><th>Amount</th></tr>
${models.map((m) => `<tr><td>Q-See camera, Model: ${m}</td><td>${r.int(1, 6)}</td><td>$${r.money(80, 600)}</td></tr>`).join('')}
<tr><td>Labor - mount, run CAT6, configure app</td><td>1</td><td>$${r.money(150, 500)}</td></tr></table>
<p>Payment received ${us(inst)} - check #${r.int(1000, 9999)}. Thank you for your business!</p>`,
  );
  return {
    layout: 'invoice', html, seller: 'Bright Eye Camera Installs', sellerAliases: ['Bright Eye'], models, purchaseDate: iso(d), dateShown: long(d),
    note: `installer quote turned invoice; quote dated ${long(quote)} above; installation date ${long(inst)}; payment received ${us(inst)}`,
  };
}

/** gift receipt: no prices, date at top with 2-digit year, gift receipt valid-through date */
function giftReceipt(r) {
  const d = randomDate(r);
  const models = pickModels(r, 1);
  const [t, n] = printed(r, models[0], r.pick(['hyphen', 'plain']));
  const html = wrap(
    THERMAL_CSS,
    'r',
    `<div class="big">REDMARK</div><div class="c">${city(r).split(',')[0]} - ${phone(r)}</div><div class="sp"></div><div class="c b">GIFT RECEIPT</div>
<div class="c">${us2(d)} ${time(r)}</div><div class="hr"></div><div>ELECTRONICS</div>${row(`${r.digits(3)}-${r.digits(2)}-${r.digits(4)} QSEE ${t}`, 'GIFT')}
${row(`${r.digits(3)}-${r.digits(2)}-${r.digits(4)} AA BATTERY 8PK`, 'GIFT')}<div class="hr"></div>
<div>Gift receipt valid through ${us2(addDays(d, 90))}</div><div class="c">REC#2-${r.digits(4)}-${r.digits(4)}-${r.digits(4)}-${r.digits(4)}-${r.digits(1)}</div>
<div class="c">T-${r.int(1000, 3999)}&nbsp;&nbsp;${us2(d)}&nbsp;&nbsp;${time(r)}</div>`,
  );
  return {
    layout: 'thermal', html, seller: 'Redmark', sellerAliases: [], models, purchaseDate: iso(d), dateShown: us2(d),
    note: `gift receipt; valid through ${us2(addDays(d, 90))}; date printed twice; ${n ?? ''}`,
  };
}

/** packing slip with ISO order date, ISO ship date, order number that embeds the date */
function packingSlip(r) {
  const d = randomDate(r);
  const ship = addDays(d, r.int(1, 4));
  const models = pickModels(r, r.int(1, 2));
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="flex"><h1>PACKING SLIP</h1><div><b>WatchPost Supply</b><br>${addr(r)}<br>${city(r)}</div></div>
<div class="box"><div>Order #: WP${Y(d)}${p2(M(d))}${p2(D(d) + 1 > 28 ? D(d) : D(d) + 1)}-${r.digits(4)}</div><div>Order Date: ${iso(d)}</div><div>Ship Date: ${iso(ship)}</div><div>Ship Via: UPS Ground</div></div>
<table class="grid"><tr><th>SKU</th><th>Description</th><th>Ordered</th><th>Shipped</th></tr>
${models.map((m) => `<tr><td>WP-${r.digits(5)}</td><td>Q-See ${m} Security Camera</td><td>1</td><td>1</td></tr>`).join('')}</table>
<p class="muted">Questions? support@watchpost.example · Returns must be requested within 30 days of delivery.</p>`,
  );
  return {
    layout: 'invoice', html, seller: 'WatchPost Supply', sellerAliases: ['WatchPost'], models, purchaseDate: iso(d), dateShown: iso(d),
    note: `packing slip; ISO order and ship dates; order number embeds a date-like string`,
  };
}

/** retailer app screen: "Store purchase" title, date with weekday, status bar clock, return-by banner */
function appScreen(r) {
  const d = randomDate(r);
  const models = pickModels(r, 1);
  const html = wrap(
    APP_CSS,
    'a',
    `<div class="bar"><span>${r.int(1, 12)}:${p2(r.int(0, 59))}</span><span>5G 82%</span></div><div class="hd">Valuway</div>
<div class="banner">Eligible for return until ${short(addDays(d, 90))}</div>
<div class="sec"><div style="font-size:20px;font-weight:bold">Store purchase</div><div>${DAYS[d.getUTCDay()].slice(0, 3)}, ${short(d)}</div><div class="muted">${addr(r)}, ${city(r)}</div></div>
<div class="sec"><div>Q-See ${r.pick(['4K 8-Channel NVR', 'Dome Camera', 'Bullet Cam 2-Pack'])}</div><div class="muted">Model ${models[0]} · Qty 1</div><div>$${r.money(40, 400)}</div></div>
<div class="sec"><div>Subtotal $${r.money(40, 400)}</div><div>Total $${r.money(40, 450)}</div><div class="muted">Visa ending in ${r.digits(4)}</div></div>
<div class="sec muted">TC# ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)}</div>`,
  );
  return {
    layout: 'app', html, seller: 'Valuway', sellerAliases: [], models, purchaseDate: iso(d), dateShown: short(d),
    note: `app screen; return banner ${short(addDays(d, 90))} above; status bar clock`,
  };
}

/** computer superstore receipt: full-page, day-month-year dates, transaction date label */
function superstore(r) {
  const d = randomDate(r);
  const models = pickModels(r, r.int(1, 2));
  const notes = [];
  const html = wrap(
    PAGE_CSS,
    'p',
    `<h1>MEGABYTE CENTER</h1><div>${addr(r)}, ${city(r)}</div><h2>SALES RECEIPT</h2>
<div class="flex"><div>Invoice #: ${r.int(10, 99)}-${r.digits(6)}<br>Transaction Date: ${dmy(d)} ${time24(r)}<br>Salesperson: ${r.pick(['T. Nguyen', 'A. Brooks'])}</div><div>Customer: J. REYES<br>Acct: ${r.digits(8)}</div></div>
<table class="grid"><tr><th>SKU</th><th>Description</th><th>Price</th></tr>
${models
  .map((m) => {
    const [t, n] = printed(r, m, r.pick(['kit', 'plain']));
    if (n) notes.push(n);
    return `<tr><td>${r.digits(6)}</td><td>Q-See ${r.pick(['Security Kit', 'IP Camera'])} MFR: ${t}</td><td>$${r.money(50, 500)}</td></tr>`;
  })
  .join('')}
<tr><td>${r.digits(6)}</td><td>2-Year Replacement Plan (expires ${dmy(addDays(d, 730))})</td><td>$${r.money(20, 60)}</td></tr></table>
<p>Returns within 15 days of purchase (by ${dmy(addDays(d, 15))}) with receipt.</p>`,
  );
  return {
    layout: 'invoice', html, seller: 'MegaByte Center', sellerAliases: [], models, purchaseDate: iso(d), dateShown: dmy(d),
    note: `computer superstore receipt; day-month-year; replacement plan expires; returns by; ${notes.join('; ')}`,
  };
}

/** security e-shop web order page: ISO date-time with zone, order number with the date, shipped date */
function eshopOrder(r) {
  const d = randomDate(r);
  const models = pickModels(r, 1);
  const ship = addDays(d, r.int(1, 3));
  const [t, n] = printed(r, models[0], r.pick(['plain', 'kit']));
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="flex"><h1>CamGuard Direct</h1><div class="muted">My account · Orders</div></div><h2>Order ${r.digits(6)}</h2>
<table class="grid"><tr><td>Placed</td><td>${iso(d)} ${time24s(r)} ${r.pick(['PST', 'EST', 'CST'])}</td></tr><tr><td>Status</td><td>Shipped ${iso(ship)}</td></tr>
<tr><td>Tracking</td><td>1Z${r.digits(6)}${r.digits(10)}</td></tr></table>
<h2>Products</h2><table class="grid"><tr><th>Product</th><th>SKU</th><th>Total</th></tr><tr><td>Q-See 8MP PoE Camera</td><td>${t}</td><td>$${r.money(60, 300)}</td></tr></table>
<p class="muted">© ${Y(d)} CamGuard Direct LLC</p>`,
  );
  return {
    layout: 'web', html, seller: 'CamGuard Direct', sellerAliases: [], models, purchaseDate: iso(d), dateShown: iso(d),
    note: `e-shop order page; ISO date-time with zone; shipped ${iso(ship)}; ${n ?? ''}`,
  };
}

/** order confirmation email with long dates, "Order Date:" below "Delivery by" and a promo expiry */
function confirmationEmail(r) {
  const d = randomDate(r);
  const models = pickModels(r, r.int(1, 2));
  const promo = addDays(d, 30);
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="muted">Inbox · Order Confirmation</div><h1>Porchlight Electronics</h1><p>Thanks for your order, Jordan!</p>
<div class="box"><b>Arriving by ${weekdayLong(addDays(d, 5)).replace(/, \d{4}$/, '')}</b><div>Order Date: ${weekdayLong(d)}</div><div>Order No. PE-${r.digits(8)}</div></div>
${models.map((m) => `<div>Q-See ${r.pick(['Wireless Camera', 'NVR System', 'Floodlight Cam'])} (${m}) - Qty 1 - $${r.money(40, 300)}</div>`).join('')}
<p>Take 10% off your next order with code SAVE10 - offer expires ${long(promo)}.</p><p class="muted">Porchlight Electronics, ${addr(r)}, ${city(r)}</p>`,
  );
  return {
    layout: 'email', html, seller: 'Porchlight Electronics', sellerAliases: ['Porchlight'], models, purchaseDate: iso(d), dateShown: weekdayLong(d),
    note: `confirmation email; arriving-by without year; promo expires ${long(promo)}; model in parentheses`,
  };
}

/** purchase order from a buyer to a vendor, with "Date:" (generic) and delivery date, 4-digit ISO-ish */
function purchaseOrder(r) {
  const d = randomDate(r);
  const models = pickModels(r, r.int(1, 2));
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="flex"><div><h1>Lakeshore School District</h1><div>${addr(r)}, ${city(r)}</div></div><div><h1>PURCHASE ORDER</h1><div>P.O. No. ${Y(d)}-${r.digits(5)}</div><div>Date: ${us0(d)}</div></div></div>
<div class="flex box"><div><b>VENDOR</b><br>Summit Surveillance Supply Inc<br>${addr(r)}<br>${city(r)}</div><div><b>SHIP TO</b><br>Facilities Dept.<br>${addr(r)}</div></div>
<div>Deliver by: ${us0(addDays(d, 21))} &nbsp; Requested by: M. Ortiz on ${us0(addDays(d, -5))}</div>
<table class="grid"><tr><th>Line</th><th>Description</th><th>Qty</th><th>Unit</th></tr>
${models.map((m, i) => `<tr><td>${i + 1}</td><td>Q-See ${m} camera</td><td>${r.int(2, 12)}</td><td>$${r.money(50, 200)}</td></tr>`).join('')}</table>
<p>Authorized signature ______________</p>`,
  );
  return {
    layout: 'po', html, seller: 'Summit Surveillance Supply Inc', sellerAliases: ['Summit Surveillance Supply'], models, purchaseDate: iso(d), dateShown: us0(d),
    note: `purchase order; vendor block; deliver-by and requested-on dates; PO number starts with the year`,
  };
}


/** order history table: several orders, one row each, the Q-See order not the first row */
function orderHistory(r) {
  const models = pickModels(r, 1);
  const n = r.int(3, 4);
  const at = r.int(1, n - 1);
  let d = randomDate(r);
  const rows = [];
  let gold = null;
  for (let i = 0; i < n; i++) {
    const item = i === at ? `Q-See ${models[0]} 4K Camera` : r.pick(['HDMI Cable 10ft', 'Surge Protector 8-Outlet', 'LED Bulb 4-Pack', 'Cat6 Patch Cable 25ft']);
    if (i === at) gold = d;
    rows.push(`<tr><td>${r.digits(3)}-${r.digits(7)}</td><td>${us0(d)}</td><td>${item}</td><td>$${r.money(10, 300)}</td><td>Delivered ${us0(addDays(d, r.int(2, 5)))}</td></tr>`);
    d = addDays(d, -r.int(6, 40));
  }
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="flex"><h1>Shopsmart</h1><div class="muted">Account · Orders</div></div><h2>Order history</h2>
<table class="grid"><tr><th>Order #</th><th>Date</th><th>Item</th><th>Total</th><th>Status</th></tr>${rows.join('')}</table>
<p class="muted">Showing ${n} orders from the last 6 months.</p><p class="muted">© ${Y(gold) + 1} Shopsmart.com</p>`,
  );
  return {
    layout: 'order_summary', html, seller: 'Shopsmart', sellerAliases: [], models, purchaseDate: iso(gold), dateShown: us0(gold),
    note: `order history table of ${n} orders; the Q-See order is row ${at + 1}; later orders above it; delivered dates in each row`,
  };
}

/** camera installer service invoice: "Date" is the invoice date; install date and next billing date for monitoring */
function serviceInvoice(r) {
  const d = randomDate(r);
  const inst = addDays(d, -r.int(1, 5));
  const bill = addDays(d, 30);
  const models = pickModels(r, r.int(1, 2));
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="flex"><div><h1>Guardian Point Security</h1><div>${addr(r)}<br>${city(r)}<br>${phone(r)}</div></div><div><h1>INVOICE</h1><div>No. GP-${r.digits(5)}</div><div>Date: ${us0(d)}</div></div></div>
<div class="box"><div>Customer: Dana Whitfield, ${addr(r)}</div><div>Install Date: ${us0(inst)}</div><div>Monitoring Activation Date: ${us0(inst)}</div></div>
<table class="grid"><tr><th>Description</th><th>Qty</th><th>Amount</th></tr>
${models.map((m) => `<tr><td>Q-See ${r.pick(['4K NVR', 'Turret Camera', 'Bullet Camera'])} - Model ${m}</td><td>${r.int(1, 4)}</td><td>$${r.money(80, 500)}</td></tr>`).join('')}
<tr><td>Remote monitoring (monthly)</td><td>1</td><td>$${r.money(20, 40)}</td></tr></table>
<p>Next billing date: ${us0(bill)} · Autopay on file</p><p class="muted">Thank you for choosing Guardian Point Security.</p>`,
  );
  return {
    layout: 'invoice', html, seller: 'Guardian Point Security', sellerAliases: [], models, purchaseDate: iso(d), dateShown: us0(d),
    note: `installer service invoice; "Date:" is the invoice date; install date and monitoring activation date ${us0(inst)} (earlier); next billing date ${us0(bill)}`,
  };
}

/** duplicate receipt printed later by the store: reprint date at the top, original transaction timestamp below */
function reprintReceipt(r) {
  const d = randomDate(r);
  const re = addDays(d, r.int(20, 200));
  const models = pickModels(r, 1);
  const [t] = printed(r, models[0], 'plain');
  const html = wrap(
    THERMAL_CSS,
    'r',
    `<div class="big">ELECTROMART</div><div class="c">Store #${r.int(100, 999)} ${city(r)}</div><div class="sp"></div><div class="c b">*** DUPLICATE RECEIPT ***</div>
<div class="c">Reprint Date: ${us2(re)} ${time(r)}</div><div class="hr"></div>
${row(`${r.digits(9)} QSEE SECURITY CAM`, r.money(60, 300))}<div class="ind">MODEL ${t}</div>${row(`${r.digits(9)} MICRO SD 64GB`, r.money(9, 20))}
${row('SUBTOTAL', r.money(70, 320))}${row('TAX', r.money(5, 25))}${row('TOTAL', r.money(75, 345))}<div class="sp"></div>
<div>ST ${r.int(100, 999)} REG ${r.int(1, 30)} TRN ${r.int(1000, 9999)} CSH ${r.int(100, 999)}</div><div class="c">${us2(d)} ${time24s(r)}</div>`,
  );
  return {
    layout: 'thermal', html, seller: 'ElectroMart', sellerAliases: [], models, purchaseDate: iso(d), dateShown: us2(d),
    note: `duplicate receipt; reprint date ${us2(re)} labelled at the top; original timestamp unlabelled at the bottom`,
  };
}


/** home-improvement receipt whose timestamp shares a line with numbered fields ("SALES#: …  TRANS#: …  11-03-26") */
function numberedFieldsThermal(r) {
  const d = randomDate(r);
  const models = pickModels(r, 1);
  const [t, n] = printed(r, models[0], r.pick(['plain', 'kit']));
  const dash = `${p2(M(d))}-${p2(D(d))}-${String(Y(d)).slice(2)}`;
  const html = wrap(
    THERMAL_CSS,
    'r',
    `<div class="big">TOOLHAVEN</div><div class="c">${addr(r)}<br>${city(r)}<br>${phone(r)}</div><div class="sp"></div>
<div>SALE</div><div>SALES#: S${r.int(1000, 9999)}${r.pick(['JHK', 'TRB', 'MLA'])} ${r.digits(7)}&nbsp;&nbsp;TRANS#: ${r.digits(8)}&nbsp;&nbsp;${dash}</div><div class="hr"></div>
<div>${r.digits(6)} QSEE ${t}</div>${row('', r.money(90, 400))}<div>${r.digits(6)} 12/2 ROMEX 25FT</div>${row('', r.money(20, 40))}
${row('SUBTOTAL:', r.money(110, 440))}${row('TAX:', r.money(8, 30))}${row('INVOICE ' + r.digits(5) + ' TOTAL:', r.money(120, 470))}
<div>VS: ${r.digits(4)}&nbsp;&nbsp;AMOUNT: ${r.money(120, 470)}&nbsp;&nbsp;AUTHCD: ${r.digits(6)}</div><div class="sp"></div>
<div class="c">STORE: ${r.digits(4)}&nbsp;&nbsp;TERMINAL: ${p2(r.int(1, 40))}&nbsp;&nbsp;${dash} ${time24s(r)}</div>
<div class="c">RETURN POLICY: 90 DAYS WITH RECEIPT</div><div class="c">SHARE YOUR FEEDBACK! ENTER BY ${us0(addDays(d, 14))}</div>`,
  );
  return {
    layout: 'thermal', html, seller: 'ToolHaven', sellerAliases: [], models, purchaseDate: iso(d), dateShown: dash,
    note: `thermal; dashed 2-digit-year date after SALES# and TRANS# numbers, again after STORE/TERMINAL; feedback entry-by date; ${n ?? ''}`,
  };
}

/** app order detail with values above their captions (list items: the date, then "Order date" under it) */
function captionBelowApp(r) {
  const d = randomDate(r);
  const models = pickModels(r, 1);
  const html = wrap(
    APP_CSS,
    'a',
    `<div class="bar"><span>${r.int(1, 12)}:${p2(r.int(0, 59))}</span><span>LTE 64%</span></div><div class="hd" style="background:#24c">Gadgetry</div>
<div class="sec"><div style="font-size:20px;font-weight:bold">Order GD${r.digits(7)}</div></div>
<div class="sec"><div>${long(addDays(d, 30))}</div><div class="muted">Return deadline</div></div>
<div class="sec"><div>${long(d)}</div><div class="muted">Order date</div></div>
<div class="sec"><div>${long(addDays(d, r.int(2, 5)))}</div><div class="muted">Delivered</div></div>
<div class="sec"><div>Q-See ${r.pick(['Wi-Fi Camera', '4K Turret', 'NVR Kit'])}</div><div class="muted">Model ${models[0]}</div><div>$${r.money(40, 300)}</div></div>`,
  );
  return {
    layout: 'app', html, seller: 'Gadgetry', sellerAliases: [], models, purchaseDate: iso(d), dateShown: long(d),
    note: `app order detail, each value above its caption: return deadline, order date, delivered`,
  };
}

/** store-brand storefront order status page: order number then placed date with "at" time, fulfilled and updated dates */
function storefrontStatus(r) {
  const d = randomDate(r);
  const models = pickModels(r, 1);
  const [t, n] = printed(r, models[0], r.pick(['plain', 'kit', 'hyphen']));
  const html = wrap(
    PAGE_CSS,
    'p',
    `<h1>NightOwl Cams</h1><div class="muted">Order #${r.int(1000, 9999)}</div><h2>Thank you, Jordan!</h2>
<div class="box"><b>Your order is confirmed</b><div>${long(d)} at ${time(r).toLowerCase()}</div></div>
<div class="box"><b>Fulfilled</b> ${long(addDays(d, 2))}<div class="muted">Last updated ${long(addDays(d, r.int(4, 9)))}</div></div>
<table class="grid"><tr><td>Q-See Smart Camera<br><span class="muted">${t}</span></td><td>× 1</td><td>$${r.money(50, 250)}</td></tr></table>
<p class="muted">Need help? Contact us at help@nightowlcams.example</p>`,
  );
  return {
    layout: 'web', html, seller: 'NightOwl Cams', sellerAliases: [], models, purchaseDate: iso(d), dateShown: long(d),
    note: `storefront order status; confirmed date with "at" time under a heading; fulfilled and last-updated dates; ${n ?? ''}`,
  };
}

/** discount-store thermal: store/operator/terminal numbers on top, timestamp at the bottom, items with UPCs after the name */
function discountThermal(r) {
  const d = randomDate(r);
  const models = pickModels(r, r.int(1, 2));
  const html = wrap(
    THERMAL_CSS,
    'r',
    `<div class="big">THRIFTWAY</div><div class="c">Save money. Live well.</div><div class="c">${phone(r)} Mgr:${r.pick(['DEBRA', 'LUIS'])}</div><div class="c">${addr(r)}<br>${city(r)}</div>
<div>ST# ${r.digits(5)} OP# ${r.digits(6)} TE# ${r.int(10, 99)} TR# ${r.digits(5)}</div>
${models.map((m) => row(`QSEE ${m} ${r.digits(12)}`, `${r.money(40, 300)} X`)).join('')}${row(`PAPER TOWEL ${r.digits(12)}`, `${r.money(5, 20)} N`)}
${row('SUBTOTAL', r.money(50, 400))}${row(`TAX 1 ${r.int(5, 9)}.${r.int(0, 9)}00 %`, r.money(3, 30))}${row('TOTAL', r.money(55, 430))}
${row('DEBIT TEND', r.money(55, 430))}${row('CHANGE DUE', '0.00')}<div class="sp"></div><div class="c"># ITEMS SOLD ${models.length + 1}</div>
<div class="c">TC# ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)}</div><div class="c">Low Prices You Can Trust. Every Day.</div>
<div class="c">${us2(d)}&nbsp;&nbsp;&nbsp;${time24s(r)}</div><div class="c">***CUSTOMER COPY***</div>`,
  );
  return {
    layout: 'thermal', html, seller: 'Thriftway', sellerAliases: [], models, purchaseDate: iso(d), dateShown: us2(d),
    note: 'discount-store thermal; store/operator/terminal numbers; UPC after the model; timestamp at the bottom',
  };
}


/** webmail screenshot: a message list with other mails' dates beside the open order confirmation */
function webmailList(r) {
  const d = randomDate(r);
  const models = pickModels(r, 1);
  const others = [addDays(d, 2), addDays(d, 1), addDays(d, -3)];
  const html = wrap(
    PAGE_CSS + '.mail{display:flex;gap:0}.list{width:250px;border-right:1px solid #ccc;font-size:13px}.list div{padding:8px;border-bottom:1px solid #eee}.msg{flex:1;padding:0 18px}',
    'p',
    `<div class="muted">Mailbox · Inbox (3)</div><div class="mail"><div class="list">
<div><b>Lumenhall Deals</b><br>Weekend flash sale<br>${us0(others[0])}</div><div><b>City Water</b><br>Your bill is ready<br>${us0(others[1])}</div>
<div style="background:#eef"><b>Hollis Tech</b><br>Order confirmation<br>${us0(d)}</div><div><b>Dr. Patel Office</b><br>Appointment reminder<br>${us0(others[2])}</div></div>
<div class="msg"><h2>Hollis Tech order confirmation</h2><div class="muted">Hollis Tech &lt;orders@hollistech.example&gt;</div>
<p>Order Number: HT-${r.digits(7)}<br>Order Date: ${short(d)}</p><p>Q-See ${r.pick(['Indoor Cam', 'Outdoor Bullet', 'NVR'])} · ${models[0]} · $${r.money(40, 300)}</p>
<p>Estimated arrival: ${shortNoYear(addDays(d, 4))}</p></div></div>`,
  );
  return {
    layout: 'email', html, seller: 'Hollis Tech', sellerAliases: [], models, purchaseDate: iso(d), dateShown: short(d),
    note: `webmail with a message list: other mails' dates (${others.map(us0).join(', ')}) beside the order date`,
  };
}

/** invoice whose header box on the right holds number, date, terms and due date; a "Customer since" date on the left */
function headerBoxInvoice(r) {
  const d = randomDate(r);
  const since = addDays(d, -r.int(200, 900));
  const models = pickModels(r, r.int(1, 2));
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="flex"><div><h1>Ridgeline AV Supply</h1><div>${addr(r)}, ${city(r)}</div><div class="muted">Customer since ${us0(since)}</div></div>
<table style="width:300px" class="grid"><tr><td>Invoice #</td><td>${r.digits(6)}</td></tr><tr><td>Date</td><td>${us0(d)}</td></tr><tr><td>Terms</td><td>Net 15</td></tr><tr><td>Due</td><td>${us0(addDays(d, 15))}</td></tr></table></div>
<div class="box">Bill to: Harbor Dental Group, ${addr(r)}</div>
<table class="grid"><tr><th>Item</th><th>Description</th><th>Qty</th><th>Amount</th></tr>
${models.map((m) => `<tr><td>${m}</td><td>Q-See ${r.pick(['PoE camera', 'NVR 8ch', 'turret'])}</td><td>${r.int(1, 8)}</td><td>$${r.money(50, 600)}</td></tr>`).join('')}</table>
<p>Rewards points balance as of ${us0(addDays(d, -1))}: ${r.int(100, 900)}</p>`,
  );
  return {
    layout: 'invoice', html, seller: 'Ridgeline AV Supply', sellerAliases: ['Ridgeline AV'], models, purchaseDate: iso(d), dateShown: us0(d),
    note: `invoice header box (Date, Terms, Due); customer since ${us0(since)}; rewards balance as of the day before`,
  };
}


/** order record as a key-value table (label cell left, value right): date ordered, shipped, invoiced */
function keyValueOrder(r) {
  const d = randomDate(r);
  const shipped = addDays(d, r.int(1, 3));
  const models = pickModels(r, r.int(1, 2));
  const kv = [
    ['Order No.', `SO-${r.digits(6)}`],
    ['Date Invoiced', us(shipped)],
    ['Date Ordered', us(d)],
    ['Date Shipped', us(shipped)],
    ['Ship Method', 'FedEx Ground'],
  ];
  const html = wrap(
    PAGE_CSS,
    'p',
    `<div class="flex"><h1>Brightline Wholesale</h1><div>${addr(r)}<br>${city(r)}</div></div><h2>Sales Order Record</h2>
<table class="grid" style="width:420px">${kv.map(([k, v]) => `<tr><th style="text-transform:none;text-align:left">${k}</th><td>${v}</td></tr>`).join('')}</table>
<h2>Items</h2><table class="grid"><tr><th>Part</th><th>Description</th><th>Qty</th></tr>
${models.map((m) => `<tr><td>${m}</td><td>Q-See ${r.pick(['Bullet', 'Dome', 'NVR'])}</td><td>${r.int(1, 9)}</td></tr>`).join('')}</table>`,
  );
  return {
    layout: 'invoice', html, seller: 'Brightline Wholesale', sellerAliases: [], models, purchaseDate: iso(d), dateShown: us(d),
    note: `key-value order record; date invoiced ${us(shipped)} above date ordered; date shipped`,
  };
}

/** e-receipt with "Transaction Date & Time" and a receipt number that looks like a date */
function eReceipt(r) {
  const d = randomDate(r);
  const models = pickModels(r, 1);
  const fake = `${p2(r.int(1, 12))}${p2(r.int(1, 28))}-${Y(d)}-${r.digits(4)}`;
  const html = wrap(
    PAGE_CSS,
    'p',
    `<h1>Sundial Electronics</h1><div class="muted">Your e-receipt</div>
<div class="box"><div>Receipt #: ${fake}</div><div>Transaction Date &amp; Time: ${MONTHS[M(d) - 1].slice(0, 3)} ${p2(D(d))}, ${Y(d)} ${time(r)}</div><div>Store: Sundial #${r.int(10, 99)} ${city(r)}</div></div>
<table class="grid"><tr><td>Q-See Security Camera<br><span class="muted">Mfr. Part #: ${models[0]}</span></td><td>$${r.money(40, 300)}</td></tr></table>
<p>Return or exchange by ${long(addDays(d, 30))}. Price protection through ${long(addDays(d, 15))}.</p>`,
  );
  return {
    layout: 'email', html, seller: 'Sundial Electronics', sellerAliases: ['Sundial'], models, purchaseDate: iso(d), dateShown: `${MONTHS[M(d) - 1].slice(0, 3)} ${p2(D(d))}, ${Y(d)}`,
    note: `e-receipt; receipt number ${fake} looks like a date; return-by and price-protection dates`,
  };
}

export const TEMPLATES = {
  keyValueOrder, eReceipt,
  webmailList, headerBoxInvoice,
  numberedFieldsThermal, captionBelowApp, storefrontStatus, discountThermal,
  orderHistory, serviceInvoice, reprintReceipt,
  bigBoxThermal, warehouseClub, pharmacy, marketplace, forwardedEmail, distributorInvoice, installerInvoice, giftReceipt, packingSlip, appScreen, superstore, eshopOrder, confirmationEmail, purchaseOrder,
};
