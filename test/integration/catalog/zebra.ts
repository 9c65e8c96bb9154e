import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { PlainMarc } from '../../../electron/station/catalog/marc/record.js';
import { toMarcRecord, toMarcXml } from '../../../electron/station/catalog/marc/record.js';

/**
 * A real Zebra (Index Data; Debian idzebra-2.0 and yaz) for the catalog tests: databases built from
 * our fixture records at test time, served over Z39.50 and SRU on one loopback port.
 */

export function zebraMissing(): string | null {
  for (const tool of ['zebraidx', 'zebrasrv']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      return `${tool} is not installed (Debian packages idzebra-2.0 and yaz; .ci/run installs them)`;
    }
  }
  return null;
}

const MODULES = [
  '/usr/lib/x86_64-linux-gnu/idzebra-2.0/modules',
  '/usr/lib/aarch64-linux-gnu/idzebra-2.0/modules',
];

/** Indexes both MARC 21 and UNIMARC fields into Bib-1 names (Title 1=4, Author 1=1003, ISBN 1=7…). */
const INDEX_XSL = `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:z="http://indexdata.com/zebra-2.0"
  xmlns:marc="http://www.loc.gov/MARC21/slim" version="1.0">
  <xsl:output indent="yes" method="xml" version="1.0" encoding="UTF-8"/>
  <xsl:template match="text()"/>
  <xsl:template match="/marc:record">
    <z:record z:id="{normalize-space(marc:controlfield[@tag='001'])}" type="update">
      <xsl:for-each select="marc:controlfield[@tag='001']"><z:index name="Local-number:w Local-number:p"><xsl:value-of select="."/></z:index></xsl:for-each>
      <xsl:for-each select="marc:datafield[@tag='245' or @tag='200']/marc:subfield[@code='a' or @code='b' or @code='e']"><z:index name="Title:w Any:w"><xsl:value-of select="."/></z:index></xsl:for-each>
      <xsl:for-each select="marc:datafield[@tag='100' or @tag='700' or @tag='701' or @tag='702']/marc:subfield[@code='a' or @code='g']"><z:index name="Author:w Any:w"><xsl:value-of select="."/></z:index></xsl:for-each>
      <xsl:for-each select="marc:datafield[@tag='020' or @tag='010']/marc:subfield[@code='a']"><z:index name="ISBN:w"><xsl:value-of select="translate(substring-before(concat(normalize-space(.),' '),' '),'-','')"/></z:index></xsl:for-each>
      <xsl:for-each select="marc:datafield[@tag='876' or @tag='899']/marc:subfield[@code='p']"><z:index name="Stock-number:w"><xsl:value-of select="."/></z:index></xsl:for-each>
    </z:record>
  </xsl:template>
</xsl:stylesheet>
`;

const IDENTITY_XSL = `<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0">
  <xsl:output indent="no" method="xml" version="1.0" encoding="UTF-8"/>
  <xsl:template match="node()|@*"><xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy></xsl:template>
</xsl:stylesheet>
`;

export interface Zebra {
  port: number;
  host: string;
  stop(): Promise<void>;
}

export async function startZebra(databases: Record<string, PlainMarc[]>): Promise<Zebra> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-zebra-'));
  const modulePath = MODULES.find((m) => fs.existsSync(m)) ?? MODULES[0]!;
  fs.writeFileSync(path.join(dir, 'index.xsl'), INDEX_XSL);
  fs.writeFileSync(path.join(dir, 'identity.xsl'), IDENTITY_XSL);
  fs.writeFileSync(
    path.join(dir, 'dom-config.xml'),
    `<dom>
  <extract name="index"><xslt stylesheet="${dir}/index.xsl"/></extract>
  <retrieve name="marcxml"><xslt stylesheet="${dir}/identity.xsl"/></retrieve>
  <input syntax="xml"><xmlreader level="1"/></input>
</dom>
`,
  );
  for (const sub of ['reg', 'lock']) fs.mkdirSync(path.join(dir, sub));
  fs.writeFileSync(
    path.join(dir, 'zebra.cfg'),
    `profilePath: ${dir}:/usr/share/idzebra-2.0/tab
modulePath: ${modulePath}
attset: bib1.att
attset: explain.att
index: icu.idx
encoding: utf-8
recordType: dom.${dir}/dom-config.xml
register: ${dir}/reg:200M
lockDir: ${dir}/lock
`,
  );
  for (const [db, records] of Object.entries(databases)) {
    const file = path.join(dir, `${db}.xml`);
    const body = records.map((r) => toMarcXml(toMarcRecord(r))).join('\n');
    fs.writeFileSync(file, `<collection xmlns="http://www.loc.gov/MARC21/slim">\n${body}\n</collection>\n`);
    run('zebraidx', ['-c', path.join(dir, 'zebra.cfg'), '-d', db, 'update', file], dir);
  }
  const port = await freePort();
  // USMARC and UNIMARC leave as ISO 2709 in UTF-8; element set "cp1251" sends them in Windows-1251,
  // as many CIS servers do. XML (element set marcxml) is the stored MARCXML, also used by SRU.
  fs.writeFileSync(
    path.join(dir, 'yazgfs.xml'),
    `<yazgfs>
  <listen id="l">tcp:127.0.0.1:${port}</listen>
  <server id="s" listenref="l">
    <config>${dir}/zebra.cfg</config>
    <cql2rpn>/usr/share/yaz/etc/pqf.properties</cql2rpn>
    <retrievalinfo>
      <retrieval syntax="usmarc" name="cp1251"><backend syntax="xml" name="marcxml"><marc inputformat="xml" outputformat="marc" inputcharset="utf-8" outputcharset="windows-1251"/></backend></retrieval>
      <retrieval syntax="unimarc" name="cp1251"><backend syntax="xml" name="marcxml"><marc inputformat="xml" outputformat="marc" inputcharset="utf-8" outputcharset="windows-1251"/></backend></retrieval>
      <retrieval syntax="usmarc"><backend syntax="xml" name="marcxml"><marc inputformat="xml" outputformat="marc" inputcharset="utf-8" outputcharset="utf-8"/></backend></retrieval>
      <retrieval syntax="unimarc"><backend syntax="xml" name="marcxml"><marc inputformat="xml" outputformat="marc" inputcharset="utf-8" outputcharset="utf-8"/></backend></retrieval>
      <retrieval syntax="xml" name="marcxml" identifier="info:srw/schema/1/marcxml-v1.1"><backend syntax="xml" name="marcxml"/></retrieval>
    </retrievalinfo>
  </server>
</yazgfs>
`,
  );
  const log = fs.openSync(path.join(dir, 'zebrasrv.log'), 'w');
  const child: ChildProcess = spawn('zebrasrv', ['-f', path.join(dir, 'yazgfs.xml')], {
    cwd: dir,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(port, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${fs.readFileSync(path.join(dir, 'zebrasrv.log'), 'utf8')}`);
  }
  return {
    port,
    host: '127.0.0.1',
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`zebrasrv exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`zebrasrv did not listen on ${port} within 10 s`);
}
