// Receipt templates for receipts-synth2: each returns { html, gold } where gold follows
// shared/eval/RECEIPTS.md (purchaseDate, seller, sellerAliases, models, dateShown, note).
// Stores, people and numbers are invented here; none is taken from the dev split or receipts-synth.

const page = (body, css = '') => `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;background:#fff;color:#111;font-family:'Liberation Sans',sans-serif;font-size:15px}
.thermal{width:380px;padding:18px 16px;font-family:'DejaVu Sans Mono',monospace;font-size:14px;line-height:1.35}
.c{text-align:center}.r{text-align:right}.b{font-weight:bold}
table{border-collapse:collapse}td,th{padding:3px 8px;text-align:left;vertical-align:top}
.row{display:flex;justify-content:space-between}
${css}</style></head><body><div id="doc" style="display:inline-block">${body}</div></body></html>`;

const rows = (pairs) => pairs.map(([l, r]) => `<div class="row"><span>${l}</span><span>${r}</span></div>`).join('');

export const templates = [
  // 1 regional chain thermal slip, date only at the very bottom in DD-MMM-YYYY
  () => ({
    layout: 'thermal',
    html: page(`<div class="thermal"><div class="c b" style="font-size:20px">PINECREST ELECTRONICS</div>
<div class="c">Store 0212 - Laramie WY</div><div class="c">1840 Grand Ave  (307) 555-0188</div><br>
${rows([['Q-See QTN8086B 8CH NVR', '329.99'], ['HDMI CABLE 6FT', '12.99'], ['SUBTOTAL', '342.98'], ['TAX 4%', '13.72'], ['TOTAL', '356.70'], ['VISA **** 4417', '356.70']])}
<br><div>Returns accepted within 30 days with receipt.</div><div>Keep this slip for warranty.</div><br>
<div class="c">Reg 03  Trans 48821  Clerk 17</div><div class="c">14-MAR-2026 15:42</div></div>`),
    gold: { purchaseDate: '2026-03-14', seller: 'Pinecrest Electronics', sellerAliases: ['Pinecrest'], models: ['QTN8086B'], dateShown: '14-MAR-2026', note: 'date only at the bottom, DD-MMM-YYYY with time; model inside a description' },
  }),
  // 2 marketplace invoice: invoice date after order date
  () => ({
    layout: 'invoice',
    html: page(`<div style="width:720px;padding:30px"><div style="font-size:26px;font-weight:bold;color:#2a5">ShopNest</div>
<div style="font-size:20px;margin:10px 0">Tax Invoice</div>
<table><tr><td>Invoice number</td><td>SN-INV-77310452</td></tr><tr><td>Invoice date</td><td>06/22/2026</td></tr>
<tr><td>Order number</td><td>402-8817365-22</td></tr><tr><td>Order date</td><td>06/18/2026</td></tr></table>
<p>Sold by: Vantage Security Supply<br>Fulfilled by ShopNest</p>
<table border="1"><tr><th>Description</th><th>Qty</th><th>Price</th></tr>
<tr><td>Q-See 8 Channel 1080p DVR Kit, model QT5682-8BE-2</td><td>1</td><td>$379.00</td></tr>
<tr><td>Shipping</td><td></td><td>$0.00</td></tr></table><p>Total $379.00</p>
<p style="font-size:12px">ShopNest Inc, 900 Harbor Blvd, Oakland CA 94607</p></div>`),
    gold: { purchaseDate: '2026-06-18', seller: 'ShopNest', sellerAliases: ['Vantage Security Supply', 'ShopNest Inc'], models: ['QT5682'], dateShown: '06/18/2026', note: 'marketplace invoice: invoice date 06/22/2026 after order date; kit SKU' },
  }),
  // 3 email "Placed on"
  () => ({
    layout: 'email',
    html: page(`<div style="width:760px;padding:20px;font-family:'DejaVu Sans'">
<div style="color:#555;font-size:13px">From: Harbor Cam Outlet &lt;orders@harborcam.example&gt;<br>To: dana.k@example.net<br>Subject: Your Harbor Cam Outlet order #HC-55120 is confirmed</div><hr>
<h2>Thanks, Dana! Your order is in.</h2><p>Order #HC-55120<br>Placed on March 3, 2026</p>
<p>Estimated delivery: Mon, Mar 9</p>
<table><tr><td>Q-See 4-Channel Analog HD DVR QC908</td><td>$149.99</td></tr><tr><td>Standard shipping</td><td>$0.00</td></tr><tr><td><b>Order total</b></td><td><b>$149.99</b></td></tr></table>
<p>We'll email you when it ships. Questions? Reply to this message.</p></div>`),
    gold: { purchaseDate: '2026-03-03', seller: 'Harbor Cam Outlet', sellerAliases: ['Harbor Cam'], models: ['QC908'], dateShown: 'March 3, 2026', note: 'email: Placed on; delivery without year' },
  }),
  // 4 handwritten-looking sales slip
  () => ({
    layout: 'invoice',
    html: page(`<div style="width:600px;padding:26px;border:2px solid #334;margin:10px">
<div style="font-size:24px;font-family:'DejaVu Serif';font-weight:bold">Ray's TV &amp; Radio</div><div>212 Mill St, Ashland KY 41101</div>
<div style="margin-top:8px;font-size:18px">SALES SLIP No. <span class="hw">4471</span></div>
<div style="margin-top:10px">Date <span class="hw">5/7/26</span> &nbsp; Customer <span class="hw">T. Whitlow</span></div>
<table style="margin-top:10px;width:100%" border="1"><tr><th>Qty</th><th>Description</th><th>Amount</th></tr>
<tr><td class="hw">1</td><td class="hw">Q-See camera kit QTH8224</td><td class="hw">$289.00</td></tr>
<tr><td class="hw">1</td><td class="hw">install labor</td><td class="hw">$80.00</td></tr></table>
<div style="margin-top:8px">Total <span class="hw">$369.00</span> &nbsp; Paid: <span class="hw">cash</span></div>
<div style="margin-top:8px">Warranty service call by <span class="hw">6/7/26</span> if needed</div></div>`,
      `.hw{font-family:'DejaVu Serif';font-style:italic;color:#1a2a8a;font-size:19px;display:inline-block;transform:rotate(-2deg) skewX(-8deg)}`),
    gold: { purchaseDate: '2026-05-07', seller: "Ray's TV & Radio", sellerAliases: ['Rays TV and Radio', "Ray's TV"], models: ['QTH8224'], dateShown: '5/7/26', note: 'handwritten-looking fields, two-digit year; later service-call date' },
  }),
  // 5 two-column invoice, dates in a right-hand box, dotted dates
  () => ({
    layout: 'invoice',
    html: page(`<div style="width:820px;padding:30px;display:flex;justify-content:space-between">
<div><div style="font-size:24px;font-weight:bold">Northgate AV Integrators</div><div>77 Commerce Pkwy, Suite 4<br>Fargo ND 58102</div>
<div style="margin-top:20px"><b>Bill To</b><br>Lakeside Dental Group<br>15 Birch Rd<br>Fargo ND 58103</div></div>
<div style="border:1px solid #000;padding:10px;width:280px"><div style="font-size:22px">INVOICE</div>
${rows([['Invoice #', '20931'], ['Invoice Date', '09.14.2026'], ['Terms', 'Net 15'], ['Due Date', '09.29.2026']])}</div></div>
<div style="padding:0 30px;width:760px"><table border="1" style="width:100%"><tr><th>Item</th><th>Description</th><th>Amount</th></tr>
<tr><td>QCA7202B</td><td>Q-See 4MP IP bullet camera</td><td>$318.00</td></tr><tr><td>LAB-2</td><td>Installation, 2 hrs</td><td>$190.00</td></tr></table>
<p>Total due $508.00. Thank you for your business.</p></div>`),
    gold: { purchaseDate: '2026-09-14', seller: 'Northgate AV Integrators', sellerAliases: ['Northgate AV'], models: ['QCA7202B'], dateShown: '09.14.2026', note: 'dates in a right-hand box with dots; due date later' },
  }),
  // 6 warehouse club with member number; model on a UPC line
  () => ({
    layout: 'thermal',
    html: page(`<div class="thermal"><div class="c b" style="font-size:26px;letter-spacing:3px">BULKWAY</div><div class="c">WHOLESALE</div>
<div class="c">Tulsa #318</div><div class="c">8120 E 71st St, Tulsa OK</div><br><div>Member 111845203941</div><br>
${rows([['E 1502277 QSEE 16CH NVR', '449.99'], ['  850003 1127 QCN8019B', ''], ['E 990112 AA BATTERY 48', '15.49'], ['SUBTOTAL', '465.48'], ['TAX', '39.57'], ['**** TOTAL', '505.05']])}
<br><div>XXXXXXXXXXXX6612 CHIP Read</div><div>AID: A0000000031010</div><br>
<div>11/28/26 14:07 318 7 229 81</div><div class="c">Whse:318 Trm:7 Trn:229 OP:81</div><br><div class="c">Items Sold: 2</div><div class="c">Thank You!</div></div>`),
    gold: { purchaseDate: '2026-11-28', seller: 'Bulkway', sellerAliases: ['Bulkway Wholesale'], models: ['QCN8019B'], dateShown: '11/28/26', note: 'warehouse club; member number; model on a UPC line; 2-digit year inside a line of numbers' },
  }),
  // 7 Spanish-language US receipt
  () => ({
    layout: 'thermal',
    html: page(`<div class="thermal"><div class="c b" style="font-size:20px">LA ECONOMICA ELECTRONICA</div><div class="c">3301 W Cesar Chavez Ave</div><div class="c">Los Angeles, CA 90063</div><br>
<div>Fecha: 04/11/2026  Hora: 10:24</div><div>Ticket: 000451  Cajero: 02</div><br>
${rows([['Q-See QTN8016 NVR 8 canales', '279.00'], ['Cable de red', '9.00'], ['Subtotal', '288.00'], ['Impuesto', '27.36'], ['Total', '315.36']])}
<br><div>Fecha de entrega: 04/15/2026</div><div>Devoluciones hasta 05/11/2026</div><br><div class="c">Gracias por su compra</div></div>`),
    gold: { purchaseDate: '2026-04-11', seller: 'La Economica Electronica', sellerAliases: ['La Economica'], models: ['QTN8016'], dateShown: '04/11/2026', note: 'Spanish: Fecha; delivery (entrega) and return (devoluciones) dates later' },
  }),
  // 8 2-digit years with a return-by
  () => ({
    layout: 'thermal',
    html: page(`<div class="thermal"><div class="c b" style="font-size:20px">Sentry Depot</div><div class="c">Spokane Valley, WA</div><br>
<div>03/02/26 09:15 AM</div><br>${rows([['QSEE QC938 DVR', '119.99'], ['TOTAL', '129.59']])}
<br><div>RETURN BY 04/01/26</div><div>Survey: sentrydepot.example/tell  by 03/16/26</div></div>`),
    gold: { purchaseDate: '2026-03-02', seller: 'Sentry Depot', sellerAliases: [], models: ['QC938'], dateShown: '03/02/26', note: 'two-digit years; return-by and survey later' },
  }),
  // 9 time glued to date
  () => ({
    layout: 'thermal',
    html: page(`<div class="thermal"><div class="c b" style="font-size:20px">GRIDLINE HOME TECH</div><div class="c">Dover, DE 19901</div><br>
<div>DATE:07/19/2026TIME:14:22</div><div>TERM 04 TXN 00912</div><br>${rows([['Q-See QTN8037B NVR 4K', '349.00'], ['TOTAL', '349.00']])}
<br><div>Exchange period ends 08/18/2026</div></div>`),
    gold: { purchaseDate: '2026-07-19', seller: 'Gridline Home Tech', sellerAliases: ['Gridline'], models: ['QTN8037B'], dateShown: '07/19/2026', note: 'time glued to date (DATE:07/19/2026TIME:14:22)' },
  }),
  // 10 logo-like heading as the only store name
  () => ({
    layout: 'thermal',
    html: page(`<div class="thermal"><div class="c b" style="font-size:44px;letter-spacing:6px;font-family:'DejaVu Serif'">VOLTARA</div><div class="c">#0451</div><div class="c">600 Pike St</div><br>
<div>Sep 30, 2026  6:41 PM</div><br>${rows([['Q-See Wi-Fi Cam QCW4K1', '89.99'], ['Q-See QCM22 BULLET', '59.99'], ['TOTAL', '149.98']])}
<br><div>Extended plan offer valid until Oct 30, 2026</div></div>`),
    gold: { purchaseDate: '2026-09-30', seller: 'Voltara', sellerAliases: [], models: [], dateShown: 'Sep 30, 2026', note: 'store name only as a large logo heading; look-alike codes QCW4K1 and QCM22 are not models (too few digits); offer valid until later' },
  }),
  // 11 model split across lines
  () => ({
    layout: 'invoice',
    html: page(`<div style="width:640px;padding:28px"><div style="font-size:22px;font-weight:bold">Cobalt Camera Co.</div><div>Invoice</div>
<p>Date: February 11, 2027<br>Invoice No. 3309-18</p>
<table border="1" style="width:100%"><tr><th style="width:60%">Description</th><th>Qty</th><th>Total</th></tr>
<tr><td>Q-See 16-Channel 4K NVR Security System (Model<br>QTN8096B) with 3TB drive</td><td>1</td><td>$699.00</td></tr></table>
<p>Shipped 02/13/2027 via UPS Ground</p><p>Cobalt Camera Co. &middot; 410 Elm St, Boise ID</p></div>`),
    gold: { purchaseDate: '2027-02-11', seller: 'Cobalt Camera Co.', sellerAliases: ['Cobalt Camera'], models: ['QTN8096B'], dateShown: 'February 11, 2027', note: 'model split across lines in a description; ship date later' },
  }),
  // 12 order history page, two orders, Q-See in the second
  () => ({
    layout: 'web',
    html: page(`<div style="width:900px;padding:20px"><div style="font-size:24px;font-weight:bold;color:#c30">Marlow's</div><h3>Your orders</h3>
<div style="border:1px solid #ccc;padding:10px;margin-bottom:14px"><div>ORDER PLACED &nbsp; October 20, 2026 &nbsp;&nbsp; TOTAL $24.99 &nbsp;&nbsp; ORDER # 7731-0092</div><div>Delivered October 23, 2026</div><div>USB-C charging cable 2-pack</div></div>
<div style="border:1px solid #ccc;padding:10px"><div>ORDER PLACED &nbsp; October 2, 2026 &nbsp;&nbsp; TOTAL $219.00 &nbsp;&nbsp; ORDER # 7731-0051</div><div>Delivered October 7, 2026</div><div>Q-See 8 Channel HD DVR QT7732 with 1TB</div></div></div>`),
    gold: { purchaseDate: '2026-10-02', seller: "Marlow's", sellerAliases: ['Marlows'], models: ['QT7732'], dateShown: 'October 2, 2026', note: 'order history: two orders; the Q-See one is the second' },
  }),
  // 13 phone app screen
  () => ({
    layout: 'app',
    html: page(`<div style="width:390px;padding:16px;background:#f4f4f7;font-family:'DejaVu Sans'"><div style="font-size:13px">9:41</div>
<div style="font-size:22px;font-weight:bold;margin:10px 0">Brightline Home Center</div><div style="background:#fff;padding:12px;border-radius:10px">
<div>In-store purchase</div><div style="font-size:13px;color:#666">Store #0451 Fairview</div><div style="margin-top:6px">Jan 7, 2027</div>
<div style="margin-top:10px">Q-See 4MP Turret 2-Pack</div><div style="font-size:13px;color:#666">Model QCN7001B</div><div>$129.00</div>
<div style="margin-top:10px;font-size:13px">Return by Feb 6, 2027</div></div></div>`),
    gold: { purchaseDate: '2027-01-07', seller: 'Brightline Home Center', sellerAliases: ['Brightline'], models: ['QCN7001B'], dateShown: 'Jan 7, 2027', note: 'app screen; date under a caption; return by later; clock 9:41' },
  }),
  // 14 purchase order: buyer on top, vendor below, ISO dates
  () => ({
    layout: 'po',
    html: page(`<div style="width:780px;padding:30px"><div style="font-size:22px;font-weight:bold">Cedar Valley School District</div><div>Business Office, 20 School Rd, Cedar Valley IA</div>
<h2>PURCHASE ORDER</h2><div class="row" style="width:520px"><span>PO Number: CV-26-0418</span><span>PO Date: 2026-10-05</span></div>
<div style="margin-top:12px"><b>Vendor:</b> Summit Surveillance Distributors, 4 Quarry Ln, Dubuque IA</div>
<div><b>Deliver by:</b> 2026-10-19</div>
<table border="1" style="margin-top:10px;width:100%"><tr><th>Line</th><th>Item</th><th>Qty</th><th>Ext</th></tr><tr><td>1</td><td>Q-See QT5440 4CH DVR</td><td>3</td><td>$387.00</td></tr></table></div>`),
    gold: { purchaseDate: '2026-10-05', seller: 'Summit Surveillance Distributors', sellerAliases: ['Summit Surveillance'], models: ['QT5440'], dateShown: '2026-10-05', note: 'PO: buyer letterhead on top; deliver-by later' },
  }),
  // 15 transaction line with date inside a row of numbers
  () => ({
    layout: 'thermal',
    html: page(`<div class="thermal"><div class="c b" style="font-size:20px">HollowMart</div><div class="c">Save more. Live more.</div><div class="c">(870) 555-0131 Mgr: J. PRATT</div><div class="c">1200 HWY 62 E, MOUNTAIN HOME AR</div>
<div>ST# 0331 OP# 004512 TE# 12 TR# 08842</div>${rows([['QSEE 4CH DVR KIT', '174.00'], ['QT426-4 ', ''], ['TOTAL', '174.00']])}
<div>ST# 0331 OP# 004512 TE# 12 TR# 08842</div><div>08/15/26 13:02:11</div><div class="c">Low prices you can trust</div></div>`),
    gold: { purchaseDate: '2026-08-15', seller: 'HollowMart', sellerAliases: [], models: ['QT426'], dateShown: '08/15/26', note: 'model printed as item line QT426-4 (kit); no labels' },
  }),
  // 16 table header row with three dates
  () => ({
    layout: 'invoice',
    html: page(`<div style="width:820px;padding:26px"><div style="font-size:24px;font-weight:bold">Trident Alarm Supply</div><div>Invoice 55-10927</div>
<table border="1" style="margin-top:12px"><tr><th>Customer No.</th><th>Order Date</th><th>Ship Date</th><th>Invoice Date</th><th>Terms</th></tr>
<tr><td>C-4410</td><td>05/01/2026</td><td>05/03/2026</td><td>05/04/2026</td><td>Net 30</td></tr></table>
<table border="1" style="margin-top:12px;width:100%"><tr><th>Part</th><th>Description</th><th>Qty</th></tr><tr><td>QCN8031B</td><td>Q-See 8MP IP camera</td><td>2</td></tr></table></div>`),
    gold: { purchaseDate: '2026-05-01', seller: 'Trident Alarm Supply', sellerAliases: ['Trident Alarm'], models: ['QCN8031B'], dateShown: '05/01/2026', note: 'header row with order, ship and invoice dates' },
  }),
  // 17 glued DMY without separators
  () => ({
    layout: 'thermal',
    html: page(`<div class="thermal"><div class="c b" style="font-size:20px">KESTREL RADIO SHACKS</div><div class="c">Bangor ME</div><br>
<div>DATE 12FEB26  TIME 14:55</div><div>REG 2 SEQ 1183</div><br>${rows([['Q-See QTN8074 NVR', '219.00'], ['TOTAL', '230.39']])}<br><div>NO RETURNS AFTER 14MAR26</div></div>`),
    gold: { purchaseDate: '2026-02-12', seller: 'Kestrel Radio Shacks', sellerAliases: ['Kestrel Radio'], models: ['QTN8074'], dateShown: '12FEB26', note: 'date DDMMMYY without separators; return date later' },
  }),
  // 18 installer invoice: service date and invoice date
  () => ({
    layout: 'invoice',
    html: page(`<div style="width:760px;padding:30px"><div style="font-size:24px;font-weight:bold">BrightEye Security Installers LLC</div><div>Licensed low-voltage contractor #LV-2291</div>
<p>Date of service: 12/01/2026<br>Invoice date: 12/03/2026<br>Invoice #: BE-1207</p>
<table border="1"><tr><th>Item</th><th>Amount</th></tr><tr><td>Q-See QCN8047B 4K dome (x4)</td><td>$516.00</td></tr><tr><td>Labor</td><td>$300.00</td></tr></table>
<p>Payment due 01/02/2027</p></div>`),
    gold: { purchaseDate: '2026-12-03', seller: 'BrightEye Security Installers LLC', sellerAliases: ['BrightEye Security Installers', 'BrightEye Security'], models: ['QCN8047B'], dateShown: '12/03/2026', note: 'installer invoice: date of service earlier, due later' },
  }),
  // 19 email with "Order Date" and a Sent header
  () => ({
    layout: 'email',
    html: page(`<div style="width:760px;padding:20px"><div style="font-size:13px;color:#444">Sent: Tuesday, August 4, 2026 7:02 AM<br>From: Tallis Outfitters &lt;no-reply@tallis.example&gt;<br>Subject: Receipt for order 88-41207</div><hr>
<p>Order Date: August 1, 2026<br>Order Number: 88-41207</p><p>Item: Q-See Add-On Camera QCA8062D<br>Price: $64.50</p><p>Your card was charged on August 3, 2026.</p></div>`),
    gold: { purchaseDate: '2026-08-01', seller: 'Tallis Outfitters', sellerAliases: ['Tallis'], models: ['QCA8062D'], dateShown: 'August 1, 2026', note: 'email sent and charged later than order date' },
  }),
  // 20 invoice with "Order date" lower than "Date" and weekday dotted
  () => ({
    layout: 'invoice',
    html: page(`<div style="width:760px;padding:30px"><div style="font-size:24px;font-weight:bold">Redwood Signal Supply</div>
<div class="row" style="width:600px"><span>Invoice INV-30291</span><span>Date: 10.28.2026</span></div>
<div>Customer PO: 7781 &nbsp; Ordered: 10.21.2026</div>
<table border="1" style="margin-top:10px"><tr><th>Item</th><th>Qty</th></tr><tr><td>Q-See QH8034B HD camera</td><td>4</td></tr></table></div>`),
    gold: { purchaseDate: '2026-10-21', seller: 'Redwood Signal Supply', sellerAliases: ['Redwood Signal'], models: ['QH8034B'], dateShown: '10.21.2026', note: 'invoice Date later than Ordered (dots); ordered is the purchase' },
  }),
  // 21 narrow description column: the invoice generator hyphenates the model across lines
  () => ({
    layout: 'invoice',
    html: page(`<div style="width:560px;padding:24px"><div style="font-size:22px;font-weight:bold">Lindell Camera Depot</div><div>Receipt</div>
<p>Rcpt Date: 03/02/2026 &nbsp; Rcpt No: 77-1043</p>
<table border="1"><tr><th style="width:150px">Item</th><th>Qty</th><th>Price</th></tr>
<tr><td style="width:150px">Q-See 4K NVR QTN-<br>8086B</td><td>1</td><td>$329.00</td></tr></table>
<p>Price protection through 04/01/2026</p></div>`),
    gold: { purchaseDate: '2026-03-02', seller: 'Lindell Camera Depot', sellerAliases: ['Lindell Camera'], models: ['QTN8086B'], dateShown: '03/02/2026', note: 'Rcpt Date label; model hyphenated across two lines of a narrow cell; price protection later' },
  }),
  // 22 Spanish invoice with purchase and invoice dates
  () => ({
    layout: 'invoice',
    html: page(`<div style="width:700px;padding:28px"><div style="font-size:22px;font-weight:bold">Seguridad Total del Valle</div><div>1200 S Texas Blvd, Weslaco TX 78596</div>
<h3>Factura</h3><p>Fecha de factura: 08/14/2026<br>Fecha de compra: 08/10/2026<br>Factura No. 5512</p>
<table border="1"><tr><th>Producto</th><th>Precio</th></tr><tr><td>Q-See QCN8024B cámara 4K</td><td>$79.00</td></tr></table>
<p>Garantía válida hasta 08/10/2027</p></div>`),
    gold: { purchaseDate: '2026-08-10', seller: 'Seguridad Total del Valle', sellerAliases: ['Seguridad Total'], models: ['QCN8024B'], dateShown: '08/10/2026', note: 'Spanish invoice: fecha de compra before fecha de factura; warranty valid until later' },
  }),
  // 23 email with a mail header date, order placed, return window
  () => ({
    layout: 'email',
    html: page(`<div style="width:740px;padding:20px"><div style="font-size:13px;color:#555">Date: Wed, 4 Mar 2026 09:12:44 -0800<br>From: Brookfield Gadget Co. &lt;receipts@brookfieldgadget.example&gt;<br>Subject: Order 310-22 confirmed</div><hr>
<p>Order placed Mar 3, 2026 at 11:48 PM</p><p>1 x Q-See QC804 4-Channel DVR</p><p>Your return window closes Apr 2, 2026.</p></div>`),
    gold: { purchaseDate: '2026-03-03', seller: 'Brookfield Gadget Co.', sellerAliases: ['Brookfield Gadget'], models: ['QC804'], dateShown: 'Mar 3, 2026', note: 'mail header date the day after; return window later' },
  }),
  // 24 thermal with date in the same line as store/register and a reprint stamp
  () => ({
    layout: 'thermal',
    html: page(`<div class="thermal"><div class="c b" style="font-size:20px">TALLGRASS ELECTRONICS</div><div class="c">Salina KS</div><div class="c">** REPRINT 03/20/2026 **</div><br>
<div>S0412 R02 T1187 03/02/2026 10:14</div><br>${rows([['QSEE NVR 8CH', '249.99'], ['MODEL QTN8048', ''], ['TOTAL', '269.99']])}<br><div>Customer since 01/05/2019</div></div>`),
    gold: { purchaseDate: '2026-03-02', seller: 'Tallgrass Electronics', sellerAliases: ['Tallgrass'], models: ['QTN8048'], dateShown: '03/02/2026', note: 'reprint stamp later; date inside store/register/transaction line; customer-since date earlier' },
  }),
];
