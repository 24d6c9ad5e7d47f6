import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  initialScriptsOf,
  sizeReport,
  staticImportsOf,
  TARGET_GZIP_BYTES,
} from '../../../scripts/bundle-size.ts';

/** index.html as Vite 8 writes it: the entry module, then a preload link per statically imported chunk. */
const viteIndexHtml = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon" href="/favicon.ico">
    <script type="module" crossorigin src="/assets/index-jxUmAURG.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/rolldown-runtime-WkwZ5CU-.js">
    <link rel="modulepreload" crossorigin href="/assets/i18n-hzvy6RiM.js">
    <link rel="stylesheet" crossorigin href="/assets/index-Dk3.css">
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('initial scripts of an entry HTML', () => {
  it('are the module scripts and the modulepreload links, in document order', () => {
    expect(initialScriptsOf(viteIndexHtml)).toEqual([
      '/assets/index-jxUmAURG.js',
      '/assets/rolldown-runtime-WkwZ5CU-.js',
      '/assets/i18n-hzvy6RiM.js',
    ]);
  });

  it('read attributes in any order and quoting, each file once', () => {
    const html = `<link href='/a.js' rel="modulepreload"><script src=/b.js type=module></script>
      <link crossorigin rel="preload modulepreload" href="/a.js"><SCRIPT TYPE="module" SRC="/c.js"></SCRIPT>`;
    expect(initialScriptsOf(html)).toEqual(['/a.js', '/b.js', '/c.js']);
  });

  it('leave out classic and inline scripts, other links and scripts from other origins', () => {
    const html = `<script src="/legacy.js"></script><script type="module">import '/x.js'</script>
      <link rel="preload" href="/font.woff2"><link rel="stylesheet" href="/a.css">
      <script type="module" src="https://cdn.example.com/lib.js"></script>
      <link rel="modulepreload" href="//cdn.example.com/dep.js">`;
    expect(initialScriptsOf(html)).toEqual([]);
  });
});

describe('static imports of a built chunk', () => {
  it('are its import and re-export statements, never a lazy import()', () => {
    const chunk = [
      'import{t as e}from"./rolldown-runtime-WkwZ5CU-.js";',
      'import"./side-effect.js";',
      'export*from"../shared/x.js";',
      "import * as ns from './ns.js';",
      'const InboxPage=(0,r.lazy)(()=>__vitePreload(()=>import("./InboxPage-DSiXVLTI.js"),__vite__mapDeps([0,1])));',
      'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/InboxPage-DSiXVLTI.js"])))=>i.map(i=>d[i]);',
      'import{react}from"react";',
    ].join('');
    expect(staticImportsOf(chunk)).toEqual([
      './rolldown-runtime-WkwZ5CU-.js',
      './side-effect.js',
      '../shared/x.js',
      './ns.js',
    ]);
  });
});

describe('size report', () => {
  it('gzips each file on its own and sums the sizes', () => {
    const files = [
      { name: 'a.js', content: Buffer.from('const a = 1;'.repeat(1_000)) },
      { name: 'b.js', content: new TextEncoder().encode('export const b = "跨境电商";') },
    ];
    const report = sizeReport(files);
    const expectedGzip = files.map((file) => gzipSync(file.content).byteLength);
    expect(report.files).toEqual([
      { name: 'a.js', bytes: 12_000, gzipBytes: expectedGzip[0] },
      { name: 'b.js', bytes: files[1]?.content.byteLength, gzipBytes: expectedGzip[1] },
    ]);
    expect(report.totalBytes).toBe(12_000 + (files[1]?.content.byteLength ?? 0));
    expect(report.totalGzipBytes).toBe((expectedGzip[0] ?? 0) + (expectedGzip[1] ?? 0));
    // Repetitive code compresses well: the point of measuring gzip rather than bytes.
    expect(report.files[0]?.gzipBytes).toBeLessThan(200);
  });

  it('passes at the target and misses above it (300 kB, as Vite counts kB)', () => {
    expect(TARGET_GZIP_BYTES).toBe(300_000);
    const content = Buffer.from('x');
    const gzipBytes = gzipSync(content).byteLength;
    expect(sizeReport([{ name: 'x.js', content }], gzipBytes).verdict).toBe('PASS');
    expect(sizeReport([{ name: 'x.js', content }], gzipBytes - 1).verdict).toBe('MISSED');
    expect(sizeReport([]).totalGzipBytes).toBe(0);
  });
});
