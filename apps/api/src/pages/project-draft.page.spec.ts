import {
  draftView,
  itemRow,
  needRow,
} from '../../../../libs/project-drafts/src/testing/project-draft.stubs';
import { renderProjectDraftBody, renderProjectDraftPrint } from './project-draft.page';

describe('project draft pages', () => {
  const view = draftView([
    itemRow('p1', [
      needRow('Åkeri <b>Öst</b> AB', ['1880', 'Örebro'], 1, 2, { ageBand: 'under_30' }),
      needRow('Bäckens AB', ['1885', 'Lindesberg'], 2, 1),
    ]),
  ]);

  it('says in words which call rules are met and what is missing', () => {
    const body = renderProjectDraftBody(view).toString();
    expect(body).toContain('Antal arbetsgivare: Inte uppfyllt.');
    expect(body).toContain('1 arbetsgivare till behövs.');
    expect(body).toContain('Arbetsgivare från 1 kommun till behövs.');
    expect(body).toContain('Lägsta budget: Uppfyllt.');
    expect(body).toContain('Under 30 år');
    expect(body).toContain('Åkeri &lt;b&gt;Öst&lt;/b&gt; AB');
    expect(body).not.toMatch(/\b(open|joint_initiative|under_30)\b|>logistik</);
  });

  it('prints as a whole Swedish page, also when the draft is empty', () => {
    const page = renderProjectDraftPrint(view);
    expect(page).toMatch(/^<!doctype html><html lang="sv">/);
    expect(page).toContain('<title>ESF-projektutkast: Lager och logistik – Örebro län');
    expect(renderProjectDraftPrint(draftView([]))).toContain('Utkastet är tomt just nu');
  });
});
