/*
 * EDF+/BDF+ fixtures written by EDFlib (the reference C library, Debian libedf-dev), and EDFlib's own read of each
 * as JSON: header facts, every annotation (onset and duration in 100-ns units, UTF-8 text) and every physical sample
 * (%.17g, which round-trips a double exactly). test/edflib.test.mjs compares openecg's readers with these reads.
 *
 *   cc -O2 -o /tmp/edflib-fixtures tools/edflib/edflib-fixtures.c -ledf && /tmp/edflib-fixtures test/fixtures/edflib
 *
 * Files: multi-annot.edf (EDF+C, two signals at different rates, three annotation signals, more annotations than
 * records, UTF-8 texts), bdfplus.bdf (BDF+C, 24-bit, two annotation signals), subsecond.edf (EDF+C whose first
 * record starts at +0.5 s), odd-scale.edf (a physical range whose scale is not a round number).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <edflib.h>

static void fail(const char *what) {
  fprintf(stderr, "edflib-fixtures: %s\n", what);
  exit(1);
}

struct sig {
  const char *label;
  int fs;
  double pmin, pmax;
  int dmin, dmax;
};

/* digital value of signal s at sample i: a deterministic ramp over the whole digital range */
static int digital(int s, long i, int dmin, int dmax) {
  long span = (long)dmax - dmin + 1;
  return (int)(dmin + ((i * (7919L + 104729L * s)) % span));
}

static void write_file(const char *path, int filetype, const struct sig *sigs, int ns, int seconds, int annot_signals,
                       int n_annots, int subsecond) {
  int h = edfopen_file_writeonly(path, filetype, ns);
  if (h < 0) fail("open for writing");
  for (int s = 0; s < ns; s++) {
    if (edf_set_samplefrequency(h, s, sigs[s].fs)) fail("samplefrequency");
    if (edf_set_physical_maximum(h, s, sigs[s].pmax)) fail("phys max");
    if (edf_set_physical_minimum(h, s, sigs[s].pmin)) fail("phys min");
    if (edf_set_digital_maximum(h, s, sigs[s].dmax)) fail("dig max");
    if (edf_set_digital_minimum(h, s, sigs[s].dmin)) fail("dig min");
    if (edf_set_label(h, s, sigs[s].label)) fail("label");
    if (edf_set_physical_dimension(h, s, "mV")) fail("dimension");
  }
  if (edf_set_number_of_annotation_signals(h, annot_signals)) fail("annotation signals");
  if (subsecond && edf_set_subsecond_starttime(h, subsecond)) fail("subsecond");
  if (edf_set_startdatetime(h, 2020, 1, 2, 3, 4, 5)) fail("start");
  int total = 0;
  for (int s = 0; s < ns; s++) total += sigs[s].fs;
  int *buf = malloc(sizeof(int) * total);
  for (int t = 0; t < seconds; t++) {
    for (int s = 0; s < ns; s++) {
      int *row = malloc(sizeof(int) * sigs[s].fs);
      for (int j = 0; j < sigs[s].fs; j++) row[j] = digital(s, (long)t * sigs[s].fs + j, sigs[s].dmin, sigs[s].dmax);
      if (edfwrite_digital_samples(h, row)) fail("write samples");
      free(row);
    }
  }
  free(buf);
  static const char *texts[] = {"Temp 37.2 \xc2\xb0" "C", "R\xc3\xa9veil", "\xce\xa9 lead off", "\xe6\x97\xa5\xe6\x9c\xac",
                                "beat", "plain ASCII"};
  for (int k = 0; k < n_annots; k++) {
    long long onset = (long long)k * 10000LL * seconds / n_annots + 37; /* 100-us units */
    long long dur = k % 3 == 0 ? -1 : 2500 + k;
    char text[64];
    snprintf(text, sizeof text, "%s %d", texts[k % 6], k);
    if (edfwrite_annotation_utf8(h, onset, dur, text)) fail("annotation");
  }
  if (edfclose_file(h)) fail("close");
}

static void json_string(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c < 0x20) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

static void dump(const char *path, const char *json) {
  struct edf_hdr_struct hdr;
  if (edfopen_file_readonly(path, &hdr, EDFLIB_READ_ALL_ANNOTATIONS)) fail("open for reading");
  FILE *f = fopen(json, "w");
  if (!f) fail("json");
  fprintf(f, "{\n \"filetype\": %d,\n \"datarecords\": %lld,\n \"datarecordDuration100ns\": %lld,\n", hdr.filetype,
          hdr.datarecords_in_file, hdr.datarecord_duration);
  fprintf(f, " \"startSubsecond100ns\": %lld,\n \"signals\": [\n", hdr.starttime_subsecond);
  for (int s = 0; s < hdr.edfsignals; s++) {
    struct edf_param_struct *p = &hdr.signalparam[s];
    fprintf(f, "  {\"label\": ");
    json_string(f, p->label);
    fprintf(f, ", \"samples\": %lld, \"physMax\": %.17g, \"physMin\": %.17g, \"digMax\": %d, \"digMin\": %d, ",
            p->smp_in_file, p->phys_max, p->phys_min, p->dig_max, p->dig_min);
    fprintf(f, "\"samplesPerRecord\": %d, \"physical\": [", p->smp_in_datarecord);
    double *v = malloc(sizeof(double) * (size_t)p->smp_in_file);
    if (edfread_physical_samples(hdr.handle, s, (int)p->smp_in_file, v) != p->smp_in_file) fail("read samples");
    for (long long i = 0; i < p->smp_in_file; i++) fprintf(f, "%s%.17g", i ? "," : "", v[i]);
    free(v);
    fprintf(f, "]}%s\n", s + 1 < hdr.edfsignals ? "," : "");
  }
  fprintf(f, " ],\n \"annotations\": [\n");
  for (long long k = 0; k < hdr.annotations_in_file; k++) {
    struct edf_annotation_struct a;
    if (edf_get_annotation(hdr.handle, (int)k, &a)) fail("annotation");
    fprintf(f, "  {\"onset100ns\": %lld, \"duration100ns\": %lld, \"text\": ", a.onset, a.duration_l);
    json_string(f, a.annotation);
    fprintf(f, "}%s\n", k + 1 < hdr.annotations_in_file ? "," : "");
  }
  fprintf(f, " ]\n}\n");
  fclose(f);
  edfclose_file(hdr.handle);
}

int main(int argc, char **argv) {
  if (argc != 2) fail("usage: edflib-fixtures <output folder>");
  char p[4096], j[4096];
  const struct sig two[] = {{"ECG II", 250, -3.3, 7.7, -2048, 2047}, {"Resp", 125, -1000, 1000, -32768, 32767}};
  const struct sig bdf[] = {{"ECG V1", 256, -262.144, 262.143, -8388608, 8388607}};
  const struct sig one[] = {{"ECG", 200, -5, 5, -32768, 32767}};
  const struct sig odd[] = {{"ECG odd", 100, -0.123456789, 9.87654321, -1000, 30000}};
  struct {
    const char *name;
    int type;
    const struct sig *s;
    int ns, seconds, annot_signals, n_annots, subsecond;
  } files[] = {
      {"multi-annot.edf", EDFLIB_FILETYPE_EDFPLUS, two, 2, 10, 3, 150, 0},
      {"bdfplus.bdf", EDFLIB_FILETYPE_BDFPLUS, bdf, 1, 8, 2, 40, 0},
      {"subsecond.edf", EDFLIB_FILETYPE_EDFPLUS, one, 1, 30, 1, 12, 5000000},
      {"odd-scale.edf", EDFLIB_FILETYPE_EDFPLUS, odd, 1, 6, 1, 3, 0},
  };
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
    snprintf(p, sizeof p, "%s/%s", argv[1], files[k].name);
    snprintf(j, sizeof j, "%s/%s.edflib.json", argv[1], files[k].name);
    write_file(p, files[k].type, files[k].s, files[k].ns, files[k].seconds, files[k].annot_signals, files[k].n_annots,
               files[k].subsecond);
    dump(p, j);
  }
  return 0;
}
