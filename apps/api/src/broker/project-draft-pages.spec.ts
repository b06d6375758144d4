import {
  draftView,
  itemRow,
  needRow,
} from '../../../../libs/project-drafts/src/testing/project-draft.stubs';
import {
  renderApproveConfirmation,
  renderDraftList,
  renderDraftPage,
  renderNotApproved,
  unapprovable,
} from './project-draft-pages';

const viewer = { email: 'maklare@orebro.demo', role: 'broker' as const, csrfToken: 'tok' };

describe('the broker pages of the ESF project drafts', () => {
  // Two employers in one municipality: below the call's three and three.
  const short = draftView([
    itemRow('p1', [
      needRow('Åkeri <b>Öst</b> AB', ['1880', 'Örebro'], 1, 2),
      needRow('Bäckens AB', ['1880', 'Örebro'], 2, 1),
    ]),
  ]);

  it('lists a draft with its figures and the missing call rules in words, escaped', () => {
    const page = renderDraftList({ viewer, items: [short], total: 1, page: 1 });
    expect(page).toContain('Lager och logistik – Örebro län');
    expect(page).toContain('Åkeri &lt;b&gt;Öst&lt;/b&gt; AB');
    expect(page).toContain('Uppfyller inte villkoren');
    expect(page).toContain('1 arbetsgivare till behövs.');
    expect(page).toContain('Ingen ännu');
    expect(page).toContain('aria-current="page"');
    expect(page).not.toMatch(/\b(employers|municipalities|budget_min|null|undefined)\b/);
  });

  it('turns each reason the service refuses an approval for into plain Swedish', () => {
    const empty = draftView([]);
    expect(unapprovable(empty)).toEqual({ reason: 'empty' });
    expect(renderNotApproved(viewer, empty, unapprovable(empty)!)).toContain(
      'inga godkända insatser eller öppna förslag',
    );
    const rules = unapprovable(short)!;
    expect(rules.reason).toBe('rules');
    expect(renderNotApproved(viewer, short, rules)).toContain('1 arbetsgivare till behövs.');

    const version = { ...short, id: 'v1', version: 1, status: 'approved' as const };
    expect(renderNotApproved(viewer, version, unapprovable(version)!)).toContain(
      'Versionen är redan godkänd',
    );

    const approvedBefore = {
      ...short,
      eligible: true,
      versions: [{ id: 'v1', version: 1, approvedAt: '2026-12-01T09:00:00.000Z' }],
    };
    expect(unapprovable(approvedBefore)).toBeUndefined();
    const page = renderNotApproved(viewer, approvedBefore, unapprovable(approvedBefore, true)!);
    expect(page).toContain('Utkastet är redan godkänt');
    expect(page).toContain('Inget har ändrats sedan förra versionen (version 1, godkänd');
  });

  it('offers approval only for an approvable draft, behind a confirmation with the CSRF token', () => {
    expect(renderDraftPage({ viewer, draft: short, justApproved: false })).not.toContain(
      '/godkann',
    );
    const ready = { ...short, eligible: true };
    const page = renderDraftPage({ viewer, draft: ready, justApproved: false });
    expect(page).toContain('href="/maklare/utkast/d1/godkann"');
    expect(page).toContain('href="/maklare/utkast/d1/utskrift"');
    expect(page).toContain('href="/maklare/utkast/d1/export.csv"');
    const confirm = renderApproveConfirmation(viewer, ready);
    expect(confirm).toContain('sparas som version 1');
    expect(confirm).toMatch(/<form method="post" action="\/maklare\/utkast\/d1\/godkann">/);
    expect(confirm).toContain('name="_csrf" value="tok"');
  });
});
