/** Negation, denial, reported speech and attribution scope of the French language core. */
import { analyzeFrench } from '../../../electron/engine/analysis/language';
import { isAffirmed, isAsserted, scopeOf } from '../../../electron/engine/analysis/language/scope';

/** The scope of a text and a lookup of a word's flags by its surface (first occurrence). */
function read(text: string) {
  const ft = analyzeFrench(text);
  const s = scopeOf(ft);
  const at = (word: string) => {
    const i = ft.tokens.findIndex((t) => t.surface === word);
    if (i < 0) throw new Error(`${word} not in ${text}`);
    return i;
  };
  return {
    s,
    negated: (w: string) => s.negated[at(w)] === 1,
    denied: (w: string) => s.denied[at(w)] === 1,
    quoted: (w: string) => s.quoted[at(w)] === 1,
    question: (w: string) => s.question[at(w)] === 1,
    hypothetical: (w: string) => s.hypothetical[at(w)] === 1,
    speaker: (w: string) => {
      const c = s.reportedBy[at(w)]!;
      return c >= 0 ? (s.cues[c]!.speaker?.text ?? '') : null;
    },
    asserted: (w: string) => isAsserted(s, at(w)),
    affirmed: (w: string) => isAffirmed(s, at(w)),
  };
}

describe('negation scope', () => {
  it('negates what follows "ne … pas" to the end of its clause, and only that', () => {
    const r = read("Le ministre n'a pas menti sur les chiffres, il les a corrigés");
    expect(r.negated('menti')).toBe(true);
    expect(r.negated('chiffres')).toBe(true);
    expect(r.negated('ministre')).toBe(false);
    expect(r.negated('corrigés')).toBe(false);
    expect(read('Le ministre a menti sur les chiffres').negated('menti')).toBe(false);
  });

  it('reads "ce n’est pas un scandale", spoken "c’est pas", "sans", "aucun" and "tout sauf"', () => {
    expect(read('Ce n’est pas un scandale, c’est une réforme').negated('scandale')).toBe(true);
    expect(read('Ce n’est pas un scandale, c’est une réforme').negated('réforme')).toBe(false);
    expect(read("c'est pas un scandale").negated('scandale')).toBe(true);
    expect(read('Sans polémique, la réforme passe').negated('polémique')).toBe(true);
    expect(read('Sans polémique, la réforme passe').negated('passe')).toBe(false);
    expect(read('Aucune bavure policière').negated('bavure')).toBe(true);
    expect(read('Les femmes sont tout sauf stupides').negated('stupides')).toBe(true);
  });

  it('needs "ne" before "plus", "rien", "personne" (alone "plus" means more)', () => {
    expect(read("Le préfet n'est plus contesté").negated('contesté')).toBe(true);
    expect(read('Le préfet plus contesté que jamais').negated('contesté')).toBe(false);
    expect(read('Une personne critique le maire').negated('critique')).toBe(false);
  });

  it('keeps "ne … que", "pas seulement", "n’est-ce pas" and implicative verbs affirmative', () => {
    expect(read('Ils ne font que mentir').negated('mentir')).toBe(false);
    expect(read("Il n'y a pas que des scandales").negated('scandales')).toBe(false);
    expect(read("N'est-ce pas un scandale ?").negated('scandale')).toBe(false);
    expect(read('Il ne cesse de critiquer le gouvernement').negated('critiquer')).toBe(false);
    const r = read("Le préfet n'a pas hésité à dénoncer la bavure");
    expect(r.negated('hésité')).toBe(true);
    expect(r.negated('dénoncer')).toBe(false);
  });
});

describe('denials', () => {
  it('reads a sentence opened by "Non," as a denial, not "Non merci"', () => {
    const r = read("Non, le ministre n'a pas menti. Il a présenté les chiffres.");
    expect(r.denied('ministre')).toBe(true);
    expect(r.denied('présenté')).toBe(false);
    expect(read('Non merci pour ce cadeau').denied('cadeau')).toBe(false);
  });

  it('denies what "démentir", "nier" govern', () => {
    const r = read('Le ministre dément avoir menti');
    expect(r.denied('menti')).toBe(true);
    expect(r.denied('ministre')).toBe(false);
  });
});

describe('reported speech and attribution', () => {
  it('attributes to the subject of a verb of saying or criticising', () => {
    const r = read('Les syndicats dénoncent un passage en force du gouvernement');
    expect(r.speaker('passage')).toBe('Les syndicats');
    expect(r.asserted('passage')).toBe(false);
    expect(r.affirmed('passage')).toBe(true);
  });

  it('reads "selon X" before and after the clause it governs', () => {
    expect(read("Selon l'opposition, le gouvernement a menti").speaker('menti')).toBe("l'opposition");
    expect(read("Le gouvernement a menti, selon l'opposition").speaker('menti')).toBe("l'opposition");
  });

  it('finds the speaker of a quotation after its verb or before its colon', () => {
    const r = read('« C’est un scandale », affirme le député');
    expect(r.quoted('scandale')).toBe(true);
    expect(r.speaker('scandale')).toBe('le député');
    const q = read('Darmanin : « On ne cédera pas »');
    expect(q.quoted('cédera')).toBe(true);
    expect(q.speaker('cédera')).toBe('Darmanin');
  });

  it('reads an infinitive report, a hypothetical clause and a question', () => {
    expect(read('Dire que vous détestez les femmes montre votre erreur').speaker('détestez')).toBe('');
    expect(read('Si vous dites cela, vous vous trompez').hypothetical('dites')).toBe(true);
    expect(read('Si vous dites cela, vous vous trompez').hypothetical('trompez')).toBe(false);
    expect(read('Le gouvernement a-t-il menti ?').question('menti')).toBe(true);
  });

  it('takes a noun after a determiner for no verb ("les critiques du ministre")', () => {
    const r = read('Les critiques du ministre pleuvent');
    expect(r.s.cues).toHaveLength(0);
  });
});
