import { MonitoringSummary, TimeseriesTable } from '@km/monitoring';
import { html, SafeHtml } from '../pages/html';
import { swedishDate } from '../pages/swedish-text';

/**
 * "Om siffrorna": what each figure means, in plain Swedish, one sentence each, so an analyst
 * can state and defend them (the same definitions as README's monitoring section).
 */
export function renderAboutFigures(summary: MonitoringSummary, series: TimeseriesTable): SafeHtml {
  const regional = summary.countyCode !== null;
  const definitions: [string, string][] = [
    [
      'Perioden',
      `Siffrorna gäller hela månader (${swedishDate(series.scope.from)} – ${swedishDate(series.scope.to)}) och visar läget när perioden tog slut. Det som händer senare räknas i den månad då det händer, så siffrorna för en avslutad månad ändras inte.`,
    ],
    [
      'Mottagna behov',
      'Behov som arbetsgivare skickade in under perioden, i det län där arbetsplatsen ligger.',
    ],
    [
      'Matchade behov',
      'Behov som ingick i en utbildningsinsats som godkändes under perioden. Om insatsen senare avbryts räknas det som en avbruten insats i den månaden; den tidigare siffran står kvar.',
    ],
    [
      'Matchade i förhållande till mottagna',
      'Matchade behov delat med mottagna behov under samma period. Behov som kom in tidigare kan matchas under perioden, så andelen kan bli över 100 procent.',
    ],
    [
      'Mediantid till matchning',
      'Antal dagar från att ett behov kom in till att insatsen godkändes, för behoven som matchades under perioden. Hälften tog kortare tid och hälften längre.',
    ],
    [
      'Gemensam insats',
      'En godkänd utbildningsinsats med minst två arbetsgivare. Insatser med en enda arbetsgivare räknas inte som gemensamma insatser.',
    ],
    [
      'Var en insats räknas',
      'En insats räknas i det län där utbildningen genomförs. Insatser där utbildningen genomförs i ett annat län än arbetsgivarnas visas också i tabellen över insatser över länsgräns, med båda länen.',
    ],
    [
      'Små och medelstora arbetsgivare',
      'Arbetsgivare med färre än 250 anställda, av dem som skickade in behov under perioden.',
    ],
    [
      'Ej tillgodosedd efterfrågan',
      'Deltagare i behov som kom in under perioden och som när perioden tog slut varken ingick i en insats, hade återkallats eller hade passerat sitt sista datum. Tabellen visas för perioder som slutar med den senaste hela månaden.',
    ],
    [
      'Mål',
      'Utfallet räknas över målets egen period. Kommuner räknas där utbildningen genomförs. Könsfördelningen räknas på deltagare som har genomfört utbildningen när sådana uppgifter finns, annars på godkända deltagare, och det står vilket.',
    ],
    [
      'Skydd för enskilda arbetsgivare',
      `Uppgifter som bygger på färre än tre arbetsgivare visas som <3. Det gäller också uppgifter som tillsammans med andra uppgifter – en summa minus de visade raderna, en annan period eller en andel – skulle avslöja en sådan uppgift.${regional ? ' Därför kan en månad med få arbetsgivare visas som <3 och räknas ihop med månaderna efter.' : ''}`,
    ],
  ];
  return html`<section aria-labelledby="about-figures-title" class="about-figures">
    <h2 id="about-figures-title">Om siffrorna</h2>
    <dl>
      ${definitions.map(
        ([term, text]) =>
          html`<div>
            <dt>${term}</dt>
            <dd>${text}</dd>
          </div>`,
      )}
    </dl>
  </section>`;
}
