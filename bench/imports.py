#!/usr/bin/env python3
"""Hostile and large uploads against the running published app: time and the process's memory while each is answered.

Usage: bench/imports.sh (publishes, starts the app with --demo on SQLite, runs this, stops it).
Prints markdown rows for bench/RESULTS.md. Python standard library only.
"""
import base64, hashlib, hmac, io, json, os, struct, sys, threading, time, urllib.request, uuid, zipfile

URL, PID = sys.argv[1], int(sys.argv[2])
PASSWORD = "GovCloud@2026"
SECRET = "GOVCLOUDDEMOTOTPKEYLIUZHOU234567"


def totp(step=0):
    key = base64.b32decode(SECRET)
    h = hmac.new(key, struct.pack(">Q", int(time.time() // 30) + step), hashlib.sha1).digest()
    o = h[-1] & 15
    return "%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)


def call(method, path, token=None, body=None, form=None):
    headers = {}
    data = None
    if token: headers["Authorization"] = "Bearer " + token
    if body is not None:
        data = json.dumps(body).encode(); headers["Content-Type"] = "application/json"
    if form is not None:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in form.items():
            if isinstance(value, tuple):
                fname, content = value
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{fname}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode() + content + b"\r\n")
            else:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        data = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers["Content-Type"] = "multipart/form-data; boundary=" + boundary
    req = urllib.request.Request(URL + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def token(user, code=None):
    status, body = call("POST", "/api/v1/auth/token", body={"userName": user, "password": PASSWORD, "code": code})
    assert status == 200, (user, status, body[:300])
    return json.loads(body)["accessToken"]


def rss_kb():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"): return int(line.split()[1])
    return 0


def measured(label, send):
    before = rss_kb()
    peak = [before]
    done = threading.Event()

    def watch():
        while not done.is_set():
            peak[0] = max(peak[0], rss_kb()); time.sleep(0.01)
    t = threading.Thread(target=watch); t.start()
    start = time.perf_counter()
    status, body = send()
    elapsed = time.perf_counter() - start
    done.set(); t.join()
    message = ""
    try:
        j = json.loads(body)
        message = (j.get("errors") or [{}])[0].get("message") if isinstance(j.get("errors"), list) else j.get("detail") or j.get("title") or ""
        if not message and "created" in j: message = f"created {j['created']}, updated {j['updated']}"
        if not message and "platformVms" in j: message = f"{j['platformVms']} VMs compared"
        if not message and "vms" in j: message = f"{len(j['vms'])} VM rows"
    except Exception:
        pass
    print(f"| {label} | {status} | {elapsed * 1000:.0f} ms | {before / 1024:.0f} MB | {peak[0] / 1024:.0f} MB | +{(peak[0] - before) / 1024:.0f} MB | {str(message)[:60]} |", flush=True)


def xlsx(sheet_xml, shared=None):
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct); z.writestr("_rels/.rels", rels); z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        if callable(sheet_xml):
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f: sheet_xml(f)
        else:
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buf.getvalue()


def bomb(f):
    f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
    block = b"A" * (1 << 20)
    for _ in range(1024): f.write(block)
    f.write(b"</t></is></c></row></sheetData></worksheet>")


def cell(col, row, text):
    text = str(text).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{col}{row}" t="inlineStr"><is><t>{text}</t></is></c>'


def letters(n):
    s = ""
    while n: n, r = divmod(n - 1, 26); s = chr(65 + r) + s
    return s


def annex3(system, rows):
    head = ["序号", "网络分区", "开发商", "系统名称", "子系统名称", "服务器类型", "堡垒机账号负责人", "堡垒机账号负责人邮箱", "堡垒机账号负责人手机号码",
            "vCPU核", "内存GB", "系统盘GB", "数据盘GB", "操作系统", "集群部署", "集群组号", "备注"]
    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    out.append('<row r="1">' + "".join(cell(letters(i + 1), 1, h) for i, h in enumerate(head)) + "</row>")
    for n in range(1, rows + 1):
        v = [n, "公共网络区", "广西某软件有限公司", system, "门户", "WEB", "张三", "zhangsan@example.com", "13800000001", 4, 8, 100, 500, "麒麟 V10", "否", "", ""]
        out.append(f'<row r="{n + 1}">' + "".join(cell(letters(i + 1), n + 1, x) for i, x in enumerate(v)) + "</row>")
    out.append("</sheetData></worksheet>")
    return xlsx("".join(out))


def platform_list(rows):
    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    out.append('<row r="1">' + "".join(cell(letters(i + 1), 1, h) for i, h in enumerate(["名称", "IP", "vCPU", "内存", "磁盘", "网络分区"])) + "</row>")
    for n in range(1, rows + 1):
        v = [f"vm-{n:06d}", f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}", 4, 8, "100+500", "公共网络区"]
        out.append(f'<row r="{n + 1}">' + "".join(cell(letters(i + 1), n + 1, x) for i, x in enumerate(v)) + "</row>")
    out.append("</sheetData></worksheet>")
    return xlsx("".join(out))


edu = token("edu")
center = token("center", totp())
status, body = call("POST", "/api/v1/systems", edu, body={"name": "导入压测系统" + uuid.uuid4().hex[:6], "vendor": "某公司", "kind": "New", "location": "Elsewhere"})
system = json.loads(body)
status, body = call("POST", "/api/v1/applications", edu, body={"systemId": system["id"], "purpose": "压测", "contacts": {}})
app = json.loads(body)

the_bomb = xlsx(bomb)
form = annex3(system["name"], 2000)
plist = platform_list(100_000)
print(f"<!-- zip bomb {len(the_bomb) / 1024 / 1024:.1f} MB unpacking to 1 GiB; Annex 3 form of 2,000 rows {len(form) / 1024 / 1024:.1f} MB; "
      f"platform list of 100,000 VMs {len(plist) / 1024 / 1024:.1f} MB -->")
print("| upload | status | time | RSS before | RSS peak | growth | answer |")
print("|---|---|---|---|---|---|---|")
measured("zip bomb → Annex 3 import", lambda: call("POST", f"/api/v1/applications/{app['id']}/vms/import", edu, form={"file": ("需求表.xlsx", the_bomb), "version": str(app["version"])}))
measured("zip bomb → register import", lambda: call("POST", "/api/v1/systems/import", edu, form={"file": ("台账.xlsx", the_bomb)}))
measured("zip bomb → platform list", lambda: call("POST", "/api/v1/inventory/reconciliation", center, form={"file": ("清单.xlsx", the_bomb)}))
measured("Annex 3 form, 2,000 VM rows", lambda: call("POST", f"/api/v1/applications/{app['id']}/vms/import", edu, form={"file": ("需求表.xlsx", form), "version": str(app["version"])}))
measured("platform list, 100,000 VMs (xlsx)", lambda: call("POST", "/api/v1/inventory/reconciliation", center, form={"file": ("清单.xlsx", plist)}))
