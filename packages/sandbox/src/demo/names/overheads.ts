// Overhead suppliers (rent, utilities, services…): who they are and where their invoices post.

/** Overhead suppliers: the account and VAT group their invoices post to, and a typical amount in pounds. */
export interface OverheadKind {
  name: string;
  /** Second word for generated names of the same kind. */
  category: string;
  account: string;
  vatGroup: string;
  description: string;
  min: number;
  max: number;
}

export const OVERHEAD_SUPPLIERS: readonly OverheadKind[] = [
  {
    name: 'Westbury Property Management',
    category: 'Property',
    account: '8110',
    vatGroup: 'VAT20',
    description: 'Office rent',
    min: 1500,
    max: 4500,
  },
  {
    name: 'City Power & Light',
    category: 'Energy',
    account: '8230',
    vatGroup: 'VAT5',
    description: 'Electricity',
    min: 200,
    max: 900,
  },
  {
    name: 'The Phone Company',
    category: 'Telecom',
    account: '8420',
    vatGroup: 'VAT20',
    description: 'Phone and broadband',
    min: 80,
    max: 300,
  },
  {
    name: 'Humongous Insurance',
    category: 'Insurance',
    account: '8740',
    vatGroup: 'NO VAT',
    description: 'Insurance premium',
    min: 150,
    max: 1200,
  },
  {
    name: 'Litware Software',
    category: 'Software',
    account: '8450',
    vatGroup: 'VAT20',
    description: 'Software subscription',
    min: 20,
    max: 600,
  },
  {
    name: "Margie's Travel",
    category: 'Travel',
    account: '8640',
    vatGroup: 'ZERO',
    description: 'Rail tickets',
    min: 80,
    max: 900,
  },
  {
    name: 'Lucerne Publishing',
    category: 'Media',
    account: '8610',
    vatGroup: 'VAT20',
    description: 'Advertising',
    min: 200,
    max: 2500,
  },
  {
    name: 'Trey Research',
    category: 'Consulting',
    account: '8510',
    vatGroup: 'VAT20',
    description: 'Consultancy',
    min: 500,
    max: 4000,
  },
  {
    name: 'Northgate Post & Parcel',
    category: 'Couriers',
    account: '8430',
    vatGroup: 'NO VAT',
    description: 'Postage',
    min: 20,
    max: 200,
  },
  {
    name: 'Sparkle Office Cleaning',
    category: 'Cleaning',
    account: '8210',
    vatGroup: 'VAT20',
    description: 'Office cleaning',
    min: 150,
    max: 600,
  },
  {
    name: 'Adatum Accountants',
    category: 'Accountants',
    account: '8830',
    vatGroup: 'VAT20',
    description: 'Accountancy fees',
    min: 400,
    max: 2500,
  },
  {
    name: 'Fixit Facilities',
    category: 'Facilities',
    account: '8730',
    vatGroup: 'VAT20',
    description: 'Repairs and maintenance',
    min: 60,
    max: 800,
  },
  {
    name: 'Paperclip Stationers',
    category: 'Stationers',
    account: '8410',
    vatGroup: 'VAT20',
    description: 'Office supplies',
    min: 20,
    max: 300,
  },
];
