// Plain data without imports that load anything: `npm run dev` prints it in its banner.
import type { Role } from './role';

/** The one password of every demo account; development data only (README, "Demo accounts"). */
export const DEMO_PASSWORD = 'kompetens-demo';

export interface DemoAccount {
  email: string;
  role: Role;
  learningCentreId?: string;
  countyCode?: string;
  description: string;
}

/** Demo accounts for the LC-KOMP region, one per role and kind of scope. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'provider@lindesberg.demo',
    role: 'provider',
    learningCentreId: 'lc-lindesberg',
    description: 'publishes offerings for Lärcentrum Lindesberg',
  },
  {
    email: 'provider@orebro.demo',
    role: 'provider',
    learningCentreId: 'lc-orebro',
    description: 'publishes offerings for Lärcentrum Örebro',
  },
  {
    email: 'maklare@orebro.demo',
    role: 'broker',
    learningCentreId: 'lc-orebro',
    description: 'broker for Örebro municipality',
  },
  {
    email: 'maklare@viadidakt.demo',
    role: 'broker',
    learningCentreId: 'viadidakt',
    description: 'broker for Viadidakt (Katrineholm, Vingåker; Södermanlands län)',
  },
  {
    email: 'maklare@lindesberg.demo',
    role: 'broker',
    learningCentreId: 'lc-lindesberg',
    description: 'broker for Lindesberg municipality (Örebro län)',
  },
  {
    email: 'maklare@karlskoga.demo',
    role: 'broker',
    learningCentreId: 'lc-karlskoga',
    description: 'broker for Karlskoga municipality (Örebro län)',
  },
  {
    email: 'regional@orebrolan.demo',
    role: 'regional',
    countyCode: '18',
    description: 'regional staff, Örebro län (county 18)',
  },
];
