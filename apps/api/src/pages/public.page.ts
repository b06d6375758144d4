import { html, layout } from './html';

/** GET /: what the service does, for whom, the way to the form, and the staff login. */
export function renderStartPage(): string {
  const body = html`<h1>Kompetensutveckling tillsammans med andra arbetsgivare</h1>
    <p class="lead">
      Behöver några av era anställda lära sig något nytt, till exempel ta truckkort, svetsa eller
      arbeta i Excel? Är ni för få för att en utbildning ska löna sig? Anmäl behovet här, så samlar
      lärcentrum det med andra arbetsgivares behov i regionen till en gemensam utbildning.
    </p>
    <p><a class="button" href="/behov/ny">Anmäl ett kompetensbehov</a></p>

    <h2>För vem?</h2>
    <p>
      För små och medelstora arbetsgivare: företag, föreningar och offentliga arbetsplatser. Ni
      behöver inget konto, bara organisationsnumret och en kontaktperson. Tjänsten är gratis att
      använda; vad en utbildning kostar ser ni innan ni bestämmer er.
    </p>

    <h2>Så går det till</h2>
    <ol class="steps">
      <li>
        Ni beskriver vad som behövs, hur många som ska delta och när. Det tar omkring tio minuter.
      </li>
      <li>
        Ni får ett ärendenummer och en länk i e-post. Med länken följer ni behovet, ändrar det eller
        återkallar det.
      </li>
      <li>
        Tjänsten jämför behovet med utbildningar och med andra arbetsgivares behov. Passar något ser
        ni det på länken; passar inget ännu ser ni varför och vad som skulle hjälpa.
      </li>
      <li>
        En kompetensmäklare på lärcentrum granskar förslaget och kontaktar er när utbildningen
        planeras.
      </li>
    </ol>

    <h2>Har ni redan anmält ett behov?</h2>
    <p>
      Använd länken i bekräftelsen som skickades till kontaktpersonen. Hittar ni den inte kan ni
      kontakta lärcentrum i er kommun och ange ärendenumret.
    </p>

    <h2>För personal</h2>
    <p>
      Personal på lärcentrum och i regionen loggar in för att se förslag och uppföljning:
      <a href="/logga-in">logga in</a>.
    </p>`;
  return layout({ title: 'Startsida' }, body);
}

/**
 * GET /tillganglighet: the accessibility statement public e-services must publish (lagen om
 * tillgänglighet till digital offentlig service), following Digg's model statement.
 */
export function renderAccessibilityStatement(): string {
  const body = html`<h1>Tillgänglighetsredogörelse</h1>
    <p class="lead">
      Vi vill att så många som möjligt ska kunna använda Kompetensmäklaren. Här beskriver vi hur
      tjänsten uppfyller lagen om tillgänglighet till digital offentlig service, kända brister och
      hur ni kan rapportera problem.
    </p>

    <h2>Hur tillgänglig är tjänsten?</h2>
    <p>
      Vi bedömer att sidorna för arbetsgivare (startsidan, formuläret, sidan för ett anmält behov
      och sidan för att ändra det) uppfyller kraven i WCAG 2.1 på nivå AA. Sidorna fungerar utan
      JavaScript, med tangentbord och i mobilen, och felmeddelanden sammanfattas överst i formuläret
      med länkar till fälten.
    </p>

    <h2>Kända brister</h2>
    <ul>
      <li>
        Diagrammen på uppföljningssidorna för personal är bilder. Samma siffror finns i en tabell
        under varje diagram.
      </li>
      <li>Tjänsten finns bara på svenska.</li>
    </ul>

    <h2>Hur vi har testat</h2>
    <p>
      Varje sida testas automatiskt med verktyget axe i webbläsaren Chromium, i datorbredd (1 280
      pixlar) och mobilbredd (390 pixlar), varje gång tjänsten ändras. Vi testar också att
      formulären går att fylla i med tangentbord och utan JavaScript. Redogörelsen uppdaterades
      senast i december 2026.
    </p>

    <h2>Rapportera brister</h2>
    <p>
      Om något inte fungerar för er, eller om ni behöver innehåll i ett annat format, kontakta
      lärcentrum i er kommun. Kontaktuppgifterna finns på sidan för ert anmälda behov och i
      bekräftelsen i e-post.
    </p>

    <h2>Tillsyn</h2>
    <p>
      Myndigheten för digital förvaltning (Digg) har ansvar för tillsyn av lagen om tillgänglighet
      till digital offentlig service. Om ni inte är nöjda med hur vi hanterar era synpunkter kan ni
      kontakta Digg och påtala det:
      <a href="https://www.digg.se/tdosanmalan">digg.se/tdosanmalan</a>.
    </p>`;
  return layout({ title: 'Tillgänglighetsredogörelse' }, body);
}

/** GET /personuppgifter: who is responsible, purposes, retention, rights and how to withdraw. */
export function renderPrivacyNotice(options: { retentionDays: number }): string {
  const days = options.retentionDays;
  const retention = days % 365 === 0 ? `${days / 365} år` : `${days} dagar`;
  const body = html`<h1>Så behandlar vi personuppgifter</h1>
    <p class="lead">
      När ni anmäler ett kompetensbehov sparar vi uppgifter om en kontaktperson. Här står vem som
      ansvarar för uppgifterna, vad de används till, hur länge de sparas och vilka rättigheter ni
      har.
    </p>

    <h2>Vem ansvarar?</h2>
    <p>
      Personuppgiftsansvarig är den kommun eller det kommunalförbund som driver lärcentrum i er
      kommun. Namn och kontaktuppgifter till lärcentrum finns på sidan för ert anmälda behov och i
      bekräftelsen i e-post.
    </p>
    <p class="hint">
      Demouppgifter: i demonstrationen är lärcentrumens kontaktuppgifter påhittade.
    </p>

    <h2>Vilka uppgifter sparar vi?</h2>
    <ul>
      <li>Kontaktpersonens namn, e-postadress och telefonnummer (om ni anger det).</li>
      <li>
        Uppgifter om organisationen och behovet: organisationsnummer, namn, kommun, bransch, antal
        anställda och antal deltagare (kvinnor och män, utan namn).
      </li>
      <li>De e-postmeddelanden vi skickar till kontaktpersonen.</li>
    </ul>

    <h2>Varför?</h2>
    <p>
      Vi använder kontaktuppgifterna för att skicka bekräftelse och besked om behovet, och för att
      lärcentrum ska kunna kontakta er när en utbildning planeras. Den rättsliga grunden är ert
      samtycke, som ni lämnar i formuläret. Uppgifterna om behovet använder vi också, utan
      personuppgifter, till statistik om kompetensbehov i regionen.
    </p>

    <h2>Vem ser uppgifterna?</h2>
    <p>
      Kompetensmäklare på lärcentrum som arbetar med er kommun ser kontaktuppgifterna, och varje
      gång de läses loggas det. Andra arbetsgivare ser aldrig vilka ni är. Regionens personal ser
      bara statistik.
    </p>

    <h2>Hur länge sparas uppgifterna?</h2>
    <p>
      Kontaktuppgifterna och e-posten raderas när ni återkallar behovet, och annars senast
      ${retention} efter den senaste händelsen i ärendet. Behovet finns sedan kvar utan
      personuppgifter, för statistik.
    </p>

    <h2>Era rättigheter</h2>
    <ul>
      <li>Ni kan få veta vilka uppgifter vi har om er (registerutdrag).</li>
      <li>Ni kan ändra kontaktpersonen och uppgifterna om behovet med länken till behovet.</li>
      <li>
        Ni kan återkalla samtycket och få uppgifterna raderade: öppna länken till behovet och välj
        ”Återkalla behovet”. Kontaktuppgifterna raderas direkt.
      </li>
      <li>Ni kan begära att vi begränsar behandlingen eller invända mot den.</li>
    </ul>
    <p>
      Kontakta lärcentrum i er kommun för registerutdrag och andra frågor. Är ni inte nöjda med hur
      vi behandlar uppgifterna kan ni klaga hos Integritetsskyddsmyndigheten (IMY),
      <a href="https://www.imy.se">imy.se</a>.
    </p>

    <h2>Kakor</h2>
    <p>Sidorna för arbetsgivare använder inga kakor (cookies).</p>`;
  return layout({ title: 'Så behandlar vi personuppgifter' }, body);
}
