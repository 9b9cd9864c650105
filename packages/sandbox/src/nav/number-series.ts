// NAV number series: the next number is the last used one incremented, keeping prefix and width
// ("C00010" + 10 = "C00020", "103001" + 1 = "103002").

export interface NumberSeriesDef {
  code: string;
  startingNo: string;
  incrementBy: number;
}

/** NAV's INCSTR: increments the right-most number inside a code, keeping its width. */
export function incStr(no: string, by = 1): string {
  const m = /^(.*?)(\d+)(\D*)$/.exec(no);
  if (!m) throw new Error(`cannot increment '${no}'`);
  const [, prefix = '', digits = '', suffix = ''] = m;
  const next = (BigInt(digits) + BigInt(by)).toString().padStart(digits.length, '0');
  return `${prefix}${next}${suffix}`;
}

function compareNos(a: string, b: string): number {
  const ma = /^(.*?)(\d+)(\D*)$/.exec(a);
  const mb = /^(.*?)(\d+)(\D*)$/.exec(b);
  if (ma && mb && ma[1] === mb[1] && ma[3] === mb[3]) {
    const diff = BigInt(ma[2] ?? '0') - BigInt(mb[2] ?? '0');
    return diff === 0n ? 0 : diff > 0n ? 1 : -1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export class NumberSeries {
  private lastUsed: string | undefined;

  constructor(readonly def: NumberSeriesDef) {}

  next(): string {
    this.lastUsed =
      this.lastUsed === undefined ? this.def.startingNo : incStr(this.lastUsed, this.def.incrementBy);
    return this.lastUsed;
  }

  /** Seeded records may already use numbers of this series: continue after the highest. */
  observe(no: string): void {
    const sameShape =
      /^(.*?)(\d+)(\D*)$/.exec(no)?.[1] === /^(.*?)(\d+)(\D*)$/.exec(this.def.startingNo)?.[1];
    if (!sameShape) return;
    if (this.lastUsed === undefined || compareNos(no, this.lastUsed) > 0) this.lastUsed = no;
  }
}

/** The CRONUS-like series the sandbox uses (W1 numbering). */
export const defaultSeries: NumberSeriesDef[] = [
  { code: 'CUST', startingNo: 'C00010', incrementBy: 10 },
  { code: 'VEND', startingNo: 'V00010', incrementBy: 10 },
  { code: 'ITEM', startingNo: '1000', incrementBy: 1 },
  { code: 'S-ORD', startingNo: '101001', incrementBy: 1 },
  { code: 'S-INV', startingNo: '102001', incrementBy: 1 },
  { code: 'S-INV+', startingNo: '103001', incrementBy: 1 },
  { code: 'P-INV', startingNo: '107001', incrementBy: 1 },
  { code: 'P-INV+', startingNo: '108001', incrementBy: 1 },
  { code: 'GJNL-GEN', startingNo: 'G00001', incrementBy: 1 },
  { code: 'GJNL-RCPT', startingNo: 'G02001', incrementBy: 1 },
  { code: 'GJNL-PMT', startingNo: 'G04001', incrementBy: 1 },
];
