/* Conformance case runner, ES5 so that it runs unchanged in Node, browsers, QuickJS and Duktape.
   runConformance(api, suite, backend, only) → lines "case logits=<sha256> boundaries=<sha256>".
   api: { loadModelSync, decodeWaves, resample, rankNormalize }; suite: { models: { name: hex }, cases: [{ name, model,
   input: hex, frames }] }. Preprocessing cases (model 'pre', { raw: float64 hex, fsIn, fsOut }) digest the resampled
   float64 signal in the first field and its rank normalisation in the second: the same bytes on every engine.
   Classifier cases ({ classes: K }) digest the probabilities and the argmax class. */
var conformanceSha256 = (function () {
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2
  ];
  function rotr(x, n) {
    return (x >>> n) | (x << (32 - n));
  }
  return function (bytes) {
    var n = bytes.length,
      total = ((n + 9 + 63) >> 6) << 6,
      m = new Uint8Array(total),
      i,
      j;
    for (i = 0; i < n; i++) m[i] = bytes[i];
    m[n] = 0x80;
    var bits = n * 8;
    for (i = 0; i < 8; i++) m[total - 1 - i] = Math.floor(bits / Math.pow(2, 8 * i)) & 255;
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
      w = [];
    for (var off = 0; off < total; off += 64) {
      for (i = 0; i < 16; i++)
        w[i] = (m[off + 4 * i] << 24) | (m[off + 4 * i + 1] << 16) | (m[off + 4 * i + 2] << 8) | m[off + 4 * i + 3];
      for (i = 16; i < 64; i++) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3),
          s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0],
        b = h[1],
        c = h[2],
        d = h[3],
        e = h[4],
        f = h[5],
        g = h[6],
        hh = h[7];
      for (j = 0; j < 64; j++) {
        var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[j] + w[j]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0;
      h[1] = (h[1] + b) | 0;
      h[2] = (h[2] + c) | 0;
      h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0;
      h[5] = (h[5] + f) | 0;
      h[6] = (h[6] + g) | 0;
      h[7] = (h[7] + hh) | 0;
    }
    var out = '';
    for (i = 0; i < 8; i++) out += ('00000000' + (h[i] >>> 0).toString(16)).slice(-8);
    return out;
  };
})();

function conformanceHex(hex) {
  var b = new Uint8Array(hex.length / 2);
  for (var i = 0; i < b.length; i++) b[i] = parseInt(hex.substr(2 * i, 2), 16);
  return b;
}

function runConformance(api, suite, backend, only) {
  var lines = [],
    models = {},
    i,
    k;
  for (i = 0; i < suite.cases.length; i++) {
    var c = suite.cases[i];
    if (only && only.indexOf(c.model) < 0) continue;
    if (c.model === 'edf') {
      // The EDF reader over bytes: decoded samples (float64) and the annotations as JSON.
      var rec = api.decodeEdf(conformanceHex(c.raw), 'x.edf', c.opts),
        t2 = Date.now();
      var sz = 0,
        q;
      for (q = 0; q < rec.signals.length; q++) sz += rec.signals[q].physical.length;
      var allS = new Float64Array(sz),
        at = 0;
      for (q = 0; q < rec.signals.length; q++) {
        allS.set(rec.signals[q].physical, at);
        at += rec.signals[q].physical.length;
      }
      var js = JSON.stringify(rec.annotations),
        jb = new Uint8Array(js.length);
      for (q = 0; q < js.length; q++) jb[q] = js.charCodeAt(q) & 255;
      lines.push(
        c.name +
          ' logits=' +
          conformanceSha256(new Uint8Array(allS.buffer)) +
          ' boundaries=' +
          conformanceSha256(jb) +
          ' ms=' +
          (Date.now() - t2)
      );
      continue;
    }
    if (c.model === 'wfdb') {
      // The WFDB readers over bytes: physical values (float64) of every signal; annotations as JSON when given,
      // else the digital values.
      var t3 = Date.now(),
        files = {},
        fk;
      for (fk in c.files)
        if (Object.prototype.hasOwnProperty.call(c.files, fk)) files[fk] = conformanceHex(c.files[fk]);
      var wr = api.decodeWfdbSignals(api.parseWfdbHeader(c.hea, 'x.hea'), files);
      var nPhys = 0,
        w;
      for (w = 0; w < wr.signals.length; w++) nPhys += wr.signals[w].physical.length;
      var phys = new Float64Array(nPhys),
        dig = new Int32Array(nPhys),
        p0 = 0;
      for (w = 0; w < wr.signals.length; w++) {
        phys.set(wr.signals[w].physical, p0);
        dig.set(wr.signals[w].digital, p0);
        p0 += wr.signals[w].physical.length;
      }
      var second = new Uint8Array(dig.buffer);
      if (c.ann) {
        var aj = JSON.stringify(api.parseWfdbAnnotationFile(conformanceHex(c.ann), 'x.atr').annotations);
        second = new Uint8Array(aj.length);
        for (w = 0; w < aj.length; w++) second[w] = aj.charCodeAt(w) & 255;
      }
      lines.push(
        c.name +
          ' logits=' +
          conformanceSha256(new Uint8Array(phys.buffer)) +
          ' boundaries=' +
          conformanceSha256(second) +
          ' ms=' +
          (Date.now() - t3)
      );
      continue;
    }
    if (c.model === 'pre') {
      var raw = new Float64Array(conformanceHex(c.raw).buffer),
        t1 = Date.now();
      var rs = api.resample(raw, c.fsIn, c.fsOut),
        rn = api.rankNormalize(rs);
      lines.push(
        c.name +
          ' logits=' +
          conformanceSha256(new Uint8Array(rs.buffer, rs.byteOffset, rs.byteLength)) +
          ' boundaries=' +
          conformanceSha256(new Uint8Array(rn.buffer, rn.byteOffset, rn.byteLength)) +
          ' ms=' +
          (Date.now() - t1)
      );
      continue;
    }
    if (!models[c.model])
      models[c.model] = api.loadModelSync(
        conformanceHex(suite.models[c.model]),
        backend ? { backend: backend } : undefined
      );
    var m = models[c.model];
    var input = new Float32Array(conformanceHex(c.input).buffer);
    var t0 = Date.now();
    var out = m.run([input]);
    var ms = Date.now() - t0;
    var parts = [];
    for (k = 0; k < out.length; k++) parts.push(new Uint8Array(out[k].buffer, out[k].byteOffset, out[k].byteLength));
    var len = 0;
    for (k = 0; k < parts.length; k++) len += parts[k].length;
    var all = new Uint8Array(len),
      o = 0;
    for (k = 0; k < parts.length; k++) {
      all.set(parts[k], o);
      o += parts[k].length;
    }
    if (c.classes) {
      // a classifier: probabilities, then the argmax class as text
      var best = 0;
      for (k = 1; k < out[0].length; k++) if (out[0][k] > out[0][best]) best = k;
      var cb = String(best),
        cbb = new Uint8Array(cb.length);
      for (k = 0; k < cb.length; k++) cbb[k] = cb.charCodeAt(k);
      lines.push(c.name + ' logits=' + conformanceSha256(all) + ' boundaries=' + conformanceSha256(cbb) + ' ms=' + ms);
      continue;
    }
    var logits = out[0].length === 4 * c.frames ? out[0] : out[1],
      reg = out[0].length === 4 * c.frames ? out[1] : out[0];
    var waves = JSON.stringify(api.decodeWaves(logits, reg, c.frames));
    var wb = new Uint8Array(waves.length);
    for (k = 0; k < waves.length; k++) wb[k] = waves.charCodeAt(k);
    lines.push(c.name + ' logits=' + conformanceSha256(all) + ' boundaries=' + conformanceSha256(wb) + ' ms=' + ms);
  }
  return lines.join('\n');
}
