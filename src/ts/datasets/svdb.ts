// MIT-BIH Supraventricular Arrhythmia Database: 78 half-hour two-lead records at 128 Hz, rich in SVEBs and SVT runs,
// annotated like the MIT-BIH Arrhythmia Database (loadMitdbRecord reads them). 52 of them are shared with the
// project, split by record: `svdbDevA` chooses epochs, `svdbDevB` is never used for any choice (and was not looked
// at when the beat search's thresholds were set, which used records 800–854), the rest train.
export const SVDB_SPLIT = {
  svdbDevA: ['800', '806', '812', '825', '841', '847', '853'],
  svdbDevB: ['856', '859', '862', '865', '868', '871', '874', '877', '880', '883', '886', '889', '892'],
};
