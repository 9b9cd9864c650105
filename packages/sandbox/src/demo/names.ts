// Word lists for names and addresses. Fictional companies in the style of the CRONUS demo data;
// UK phone numbers use Ofcom's ranges reserved for drama, so none of them rings anyone.

export const COMPANY_FIRST = [
  'Adatum',
  'Alpine',
  'Ashdown',
  'Beacon',
  'Bellows',
  'Blue Yonder',
  'Brightwater',
  'Cannon',
  'Coho',
  'Contoso',
  'Copperfield',
  'Cotswold',
  'Fabrikam',
  'Foxglove',
  'Fourth Coffee',
  'Granite',
  'Harbour',
  'Hawthorn',
  'Heron',
  'Humongous',
  'Ironbridge',
  'Kestrel',
  'Kingfisher',
  'Larkspur',
  'Lighthouse',
  'Litware',
  'Lucerne',
  'Marlow',
  'Meridian',
  'Millbrook',
  'Northwind',
  'Oakridge',
  'Pennine',
  'Proseware',
  'Redfern',
  'Relecloud',
  'Severn',
  'Silverline',
  'Southridge',
  'Stonegate',
  'Summit',
  'Tailspin',
  'Thames',
  'Trey',
  'Westbury',
  'Wide World',
  'Wingtip',
  'Woodgrove',
  'Yellowstone',
  'Zenith',
] as const;

export const CUSTOMER_SECOND = [
  'Architects',
  'Consulting',
  'Design',
  'Education',
  'Engineering',
  'Estates',
  'Events',
  'Hospitality',
  'Hotels',
  'Interiors',
  'Logistics',
  'Outfitters',
  'Partners',
  'Retail',
  'Solutions',
  'Studios',
  'Systems',
  'Traders',
  'Trading',
  'Workspace',
  'Research',
  'Publishing',
  'Clinics',
  'Academy',
  'Coworking',
  'Property',
  'Media',
  'Software',
  'Dental Care',
  'Veterinary',
] as const;

export const SUPPLIER_SECOND = [
  'Furniture',
  'Manufacturing',
  'Woodworks',
  'Seating',
  'Metalworks',
  'Office Supplies',
  'Wholesale',
  'Distribution',
  'Imports',
  'Components',
  'Upholstery',
  'Lighting',
  'Joinery',
  'Fabrics',
  'Plastics',
] as const;

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

export const UK_SUFFIXES = ['Ltd', 'Ltd', 'Ltd', 'Limited', 'plc', 'LLP', '& Co.'] as const;

export interface City {
  city: string;
  region?: string;
  country: string;
  /** Outward codes (UK) or postcode patterns: "#" digit, "@" letter. */
  postcodes: readonly string[];
  /** AREA dimension value. */
  area: string;
  phone: string;
}

export const UK_CITIES: readonly City[] = [
  {
    city: 'London',
    region: 'Greater London',
    country: 'GB',
    postcodes: ['EC1A', 'EC2M', 'W1D', 'SE1', 'N1', 'E14'],
    area: 'SOUTH',
    phone: '+44 20 7946 0',
  },
  {
    city: 'Reading',
    region: 'Berkshire',
    country: 'GB',
    postcodes: ['RG1', 'RG2', 'RG30'],
    area: 'SOUTH',
    phone: '+44 118 496 0',
  },
  {
    city: 'Brighton',
    region: 'East Sussex',
    country: 'GB',
    postcodes: ['BN1', 'BN2'],
    area: 'SOUTH',
    phone: '+44 1632 960',
  },
  {
    city: 'Guildford',
    region: 'Surrey',
    country: 'GB',
    postcodes: ['GU1', 'GU2'],
    area: 'SOUTH',
    phone: '+44 1632 960',
  },
  {
    city: 'Southampton',
    region: 'Hampshire',
    country: 'GB',
    postcodes: ['SO14', 'SO15'],
    area: 'SOUTH',
    phone: '+44 23 8049 6',
  },
  {
    city: 'Bristol',
    region: 'Bristol',
    country: 'GB',
    postcodes: ['BS1', 'BS2', 'BS8'],
    area: 'WEST',
    phone: '+44 117 496 0',
  },
  {
    city: 'Exeter',
    region: 'Devon',
    country: 'GB',
    postcodes: ['EX1', 'EX4'],
    area: 'WEST',
    phone: '+44 1632 960',
  },
  {
    city: 'Cardiff',
    region: 'South Glamorgan',
    country: 'GB',
    postcodes: ['CF10', 'CF11'],
    area: 'WEST',
    phone: '+44 29 2018 0',
  },
  {
    city: 'Birmingham',
    region: 'West Midlands',
    country: 'GB',
    postcodes: ['B1', 'B2', 'B15'],
    area: 'MIDLANDS',
    phone: '+44 121 496 0',
  },
  {
    city: 'Nottingham',
    region: 'Nottinghamshire',
    country: 'GB',
    postcodes: ['NG1', 'NG7'],
    area: 'MIDLANDS',
    phone: '+44 115 496 0',
  },
  {
    city: 'Leicester',
    region: 'Leicestershire',
    country: 'GB',
    postcodes: ['LE1', 'LE2'],
    area: 'MIDLANDS',
    phone: '+44 116 496 0',
  },
  {
    city: 'Manchester',
    region: 'Greater Manchester',
    country: 'GB',
    postcodes: ['M1', 'M2', 'M4', 'M15'],
    area: 'NORTH',
    phone: '+44 161 496 0',
  },
  {
    city: 'Leeds',
    region: 'West Yorkshire',
    country: 'GB',
    postcodes: ['LS1', 'LS2', 'LS11'],
    area: 'NORTH',
    phone: '+44 113 496 0',
  },
  {
    city: 'Sheffield',
    region: 'South Yorkshire',
    country: 'GB',
    postcodes: ['S1', 'S3'],
    area: 'NORTH',
    phone: '+44 114 496 0',
  },
  {
    city: 'Newcastle upon Tyne',
    region: 'Tyne and Wear',
    country: 'GB',
    postcodes: ['NE1', 'NE4'],
    area: 'NORTH',
    phone: '+44 191 498 0',
  },
  {
    city: 'Edinburgh',
    region: 'Midlothian',
    country: 'GB',
    postcodes: ['EH1', 'EH2', 'EH8'],
    area: 'NORTH',
    phone: '+44 131 496 0',
  },
  {
    city: 'Cambridge',
    region: 'Cambridgeshire',
    country: 'GB',
    postcodes: ['CB1', 'CB2'],
    area: 'EAST',
    phone: '+44 1632 960',
  },
  {
    city: 'Norwich',
    region: 'Norfolk',
    country: 'GB',
    postcodes: ['NR1', 'NR2'],
    area: 'EAST',
    phone: '+44 1632 960',
  },
  {
    city: 'Ipswich',
    region: 'Suffolk',
    country: 'GB',
    postcodes: ['IP1', 'IP4'],
    area: 'EAST',
    phone: '+44 1632 960',
  },
];

export const EU_CITIES: readonly City[] = [
  { city: 'Berlin', country: 'DE', postcodes: ['10###'], area: 'EXPORT', phone: '+49 30 5550' },
  { city: 'München', country: 'DE', postcodes: ['80###'], area: 'EXPORT', phone: '+49 89 5550' },
  { city: 'Paris', country: 'FR', postcodes: ['750##'], area: 'EXPORT', phone: '+33 1 99 00' },
  { city: 'Lyon', country: 'FR', postcodes: ['6900#'], area: 'EXPORT', phone: '+33 4 99 00' },
  { city: 'Amsterdam', country: 'NL', postcodes: ['10## @@'], area: 'EXPORT', phone: '+31 20 555' },
  { city: 'Rotterdam', country: 'NL', postcodes: ['30## @@'], area: 'EXPORT', phone: '+31 10 555' },
  { city: 'Dublin', country: 'IE', postcodes: ['D0# @###'], area: 'EXPORT', phone: '+353 1 555' },
  { city: 'Antwerpen', country: 'BE', postcodes: ['20##'], area: 'EXPORT', phone: '+32 3 555' },
];

export const US_CITIES: readonly City[] = [
  {
    city: 'New York',
    region: 'NY',
    country: 'US',
    postcodes: ['100##'],
    area: 'EXPORT',
    phone: '+1 212 555 01',
  },
  {
    city: 'Chicago',
    region: 'IL',
    country: 'US',
    postcodes: ['606##'],
    area: 'EXPORT',
    phone: '+1 312 555 01',
  },
  {
    city: 'Seattle',
    region: 'WA',
    country: 'US',
    postcodes: ['981##'],
    area: 'EXPORT',
    phone: '+1 206 555 01',
  },
  {
    city: 'Atlanta',
    region: 'GA',
    country: 'US',
    postcodes: ['303##'],
    area: 'EXPORT',
    phone: '+1 404 555 01',
  },
  {
    city: 'Boston',
    region: 'MA',
    country: 'US',
    postcodes: ['021##'],
    area: 'EXPORT',
    phone: '+1 617 555 01',
  },
];

export const SUFFIX_BY_COUNTRY: Readonly<Record<string, readonly string[]>> = {
  DE: ['GmbH', 'AG', 'GmbH & Co. KG'],
  FR: ['SARL', 'SA', 'SAS'],
  NL: ['B.V.', 'N.V.'],
  IE: ['Ltd', 'Limited'],
  BE: ['BV', 'NV'],
  US: ['Inc.', 'LLC', 'Corp.'],
};

export const EMAIL_TLD: Readonly<Record<string, string>> = {
  GB: 'co.uk',
  DE: 'de',
  FR: 'fr',
  NL: 'nl',
  IE: 'ie',
  BE: 'be',
  US: 'com',
};

export const STREETS: Readonly<Record<string, readonly string[]>> = {
  GB: [
    'High Street',
    'Station Road',
    'Church Lane',
    'Victoria Road',
    'Mill Lane',
    'King Street',
    'Queen Street',
    'Park Road',
    'Market Place',
    'Bridge Street',
    'London Road',
    'Chapel Street',
    'Castle Street',
    'Manor Road',
    'Riverside Way',
    'Commerce Way',
    'Innovation Drive',
    'Wharf Road',
    'Albion Street',
  ],
  DE: ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Industriestraße', 'Lindenallee'],
  FR: ['Rue de la Paix', 'Avenue Victor Hugo', 'Rue du Commerce', 'Boulevard Voltaire'],
  NL: ['Keizersgracht', 'Herengracht', 'Stationsplein', 'Industrieweg'],
  IE: ['Grafton Street', 'Baggot Street', 'Harcourt Road'],
  BE: ['Meir', 'Frankrijklei', 'Kortrijksesteenweg'],
  US: ['Main Street', 'Market Street', 'Commerce Drive', 'Lakeview Avenue', 'Oak Street'],
};

export const ADDRESS_LINE2 = [
  'Unit 4',
  'Suite 210',
  '2nd Floor',
  'Building B',
  'Unit 12',
  'The Old Mill',
] as const;

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
