// Item names and prices: CRONUS-style furniture, services by the hour and non-inventory items.

/** Item naming after CRONUS ("ATHENS Desk", "PARIS Guest Chair, black"). */
export const ITEM_CITIES = [
  'ATHENS',
  'PARIS',
  'LONDON',
  'ANTWERP',
  'AMSTERDAM',
  'BERLIN',
  'ROME',
  'TOKYO',
  'MEXICO',
  'MUNICH',
  'MOSCOW',
  'SEOUL',
  'ATLANTA',
  'SYDNEY',
  'GUILDFORD',
  'OSLO',
  'MADRID',
  'VIENNA',
  'DUBLIN',
  'LISBON',
] as const;

export const ITEM_COLOURS = [
  'black',
  'blue',
  'red',
  'green',
  'yellow',
  'white',
  'grey',
  'oak',
  'walnut',
] as const;

export interface ProductKind {
  name: string;
  /** Price range in whole pounds. */
  min: number;
  max: number;
  coloured: boolean;
}

export const PRODUCTS: readonly ProductKind[] = [
  { name: 'Desk', min: 350, max: 900, coloured: false },
  { name: 'Swivel Chair', min: 120, max: 320, coloured: true },
  { name: 'Guest Chair', min: 80, max: 190, coloured: true },
  { name: 'Conference Table', min: 600, max: 1800, coloured: false },
  { name: 'Mobile Pedestal', min: 150, max: 300, coloured: false },
  { name: 'Storage Unit', min: 180, max: 450, coloured: true },
  { name: 'Whiteboard', min: 90, max: 260, coloured: false },
  { name: 'Lamp', min: 25, max: 90, coloured: true },
  { name: 'Bookcase', min: 140, max: 380, coloured: true },
  { name: 'Filing Cabinet', min: 160, max: 420, coloured: true },
  { name: 'Sofa', min: 700, max: 1600, coloured: true },
  { name: 'Coffee Table', min: 150, max: 420, coloured: false },
];

/** Services (per hour) and non-inventory items, with their VAT group. */
export const SERVICES = [
  { name: 'Assembly Service', min: 45, max: 65, vatGroup: 'VAT20' },
  { name: 'Interior Design Consultation', min: 85, max: 150, vatGroup: 'VAT20' },
  { name: 'Space Planning', min: 75, max: 120, vatGroup: 'VAT20' },
  { name: 'Removal Service', min: 40, max: 60, vatGroup: 'VAT20' },
  { name: 'Energy-Saving Lighting Installation', min: 50, max: 80, vatGroup: 'VAT5' },
] as const;

export const NON_INVENTORY = [
  { name: 'Office Ergonomics Handbook', min: 15, max: 35, vatGroup: 'ZERO' },
  { name: 'Extended Warranty, 3 years', min: 60, max: 180, vatGroup: 'NO VAT' },
  { name: 'Gift Card', min: 25, max: 100, vatGroup: 'NO VAT' },
] as const;
