//! Coding tests on sentences written for them, with a small dictionary of our own so that each rule is
//! checked in isolation: active and passive clauses, relative clauses, compound and mutual actors, nominal
//! events, coreference, the location rule, ethnic groups, "former", and no event without a pattern.

use dyad_coder::{Coder, Scratch};
use dyad_dict::Compiled;
use dyad_text::{Analyzer, Document, Origin};

const DICT: &str = "\
country: Russia
  code: RUS
  adjectives: Russian
  demonyms: Russians
country: Iraq
  code: IRQ
country: United States
  code: USA
  adjectives: American
country: Palestine
  code: PSE
  adjectives: Palestinian
actor: Sergei Lavrov
  type: person
  country: RUS
  code: RUSGOV 2004-03-09..
  code: RUSELI
actor: Hamas
  type: group
  country: PSE
  code: PSEREBHMS
  refs: the group | the movement
actor: Khaled Meshaal
  type: person
  country: PSE
  code: PSEREBHMS
actor: Dmitry Medvedev
  type: person
  country: RUS
  code: RUSGOV 2008-05-07..2012-05-07
  code: RUSELI
actor: Kurdistan Workers' Party
  type: group
  country: IRQ
  code: IRQREBPKK
actor: Gazprom
  type: company
  country: RUS
  code: RUSBUS
agent: foreign minister | minister | official => GOV
agent: troop | soldier => MIL
agent: president | leader => GOV
agent: Muslim | Christian => REL
agent: student => EDU
set: talks = talks | negotiations
action: 036
  verb: invite {tgt} (to|for) &talks
  verb: invite {tgt}
action: 020
  verb: invite {tgt} to
action: 040
  verb: meet [with] {tgt} ; symmetric
  noun: meeting with {tgt} ; symmetric
  noun: talks between ; symmetric
action: 111
  verb: criticize {tgt}
  verb: criticise {tgt}
action: 120
  verb: oppose {tgt}
  verb: oppose to {tgt}
action: 173
  verb: arrest {tgt}
action: 173
  plover: ACCUSE allege
  verb: indict {tgt}
action: 190
  verb: attack {tgt}
action: 010
  verb: say
action: 100
  verb: demand
action: 025
  verb: urge {tgt}
action: 141
  verb: protest {tgt}
  verb: march
action: 087
  verb: withdraw
action: 0872
  verb: lift blockade on {tgt}
action: 191
  noun: blockade (on|of) {tgt}
agent: parliament => LEG
action: 112
  verb: accuse {tgt} of attacking
";

/// Codes `text` (published 2015-08-04) with the test dictionary; `all` keeps negated and conditional events.
fn run(text: &str, all: bool) -> Vec<dyad_coder::Event> {
    let compiled = Compiled::build(dyad_dict::format::read(DICT, "test.txt"));
    assert!(
        compiled.set.rejected.is_empty(),
        "{:?}",
        compiled.set.rejected
    );
    let coder = Coder::new(compiled).keep_all(all);
    let doc = Document {
        id: "t".into(),
        title: None,
        text: text.into(),
        date: Some(jiff::civil::Date::constant(2015, 8, 4)),
        url: None,
        source: None,
        origin: Origin {
            path: "t".into(),
            record: None,
        },
    };
    let analysis = Analyzer::default().analyse(&doc.text);
    coder
        .code(&doc, &analysis, &mut Scratch::default(), false)
        .events
}

/// (actors, CAMEO code, recipients) of each default event: codes where known, else names.
fn code(text: &str) -> Vec<(String, String, String)> {
    run(text, false)
        .iter()
        .map(|e| {
            let codes = |list: &[dyad_coder::event::EventActor]| {
                list.iter()
                    .map(|a| a.code.clone().unwrap_or_else(|| a.name.clone()))
                    .collect::<Vec<_>>()
                    .join("+")
            };
            (codes(&e.actors), e.cameo.code.clone(), codes(&e.recipients))
        })
        .collect()
}

fn triple(a: &str, c: &str, b: &str) -> (String, String, String) {
    (a.into(), c.into(), b.into())
}

#[test]
fn active_clause_with_composed_and_named_actors() {
    assert_eq!(
        code(
            "Russian Foreign Minister Sergei Lavrov has invited Hamas leader Khaled Meshaal for talks in Moscow."
        ),
        [triple("RUSGOV", "036", "PSEREBHMS")]
    );
}

#[test]
fn passive_voice_swaps_roles() {
    assert_eq!(
        code("Khaled Meshaal was invited by Sergei Lavrov for talks."),
        [triple("RUSGOV", "036", "PSEREBHMS")]
    );
}

#[test]
fn relative_clause_and_apposition_do_not_hide_the_subject() {
    assert_eq!(
        code("Meshaal, who runs the group's politburo from Doha, criticized Lavrov on Monday."),
        [triple("PSEREBHMS", "111", "RUSGOV")]
    );
}

#[test]
fn compound_subject_of_a_mutual_event() {
    let events = code("Sergei Lavrov and Khaled Meshaal met in Moscow.");
    assert_eq!(
        events,
        [triple("RUSGOV+PSEREBHMS", "040", "RUSGOV+PSEREBHMS")]
    );
}

#[test]
fn nominal_event_with_possessor() {
    assert_eq!(
        code("Russia confirmed Lavrov's meeting with the Hamas leader."),
        [triple("RUSGOV+PSEREBHMS", "040", "RUSGOV+PSEREBHMS")]
    );
}

#[test]
fn surname_and_pronoun_resolve_to_earlier_actors() {
    let events = code(
        "Khaled Meshaal arrived in Moscow. Later he criticized Lavrov. Meshaal criticised Russia.",
    );
    assert_eq!(
        events,
        [
            triple("PSEREBHMS", "111", "RUSGOV"),
            triple("PSEREBHMS", "111", "RUS")
        ]
    );
}

#[test]
fn location_rule_codes_troops_by_where_they_are() {
    assert_eq!(
        code("Troops in Iraq attacked the United States."),
        [triple("IRQMIL", "190", "USA")]
    );
    assert_eq!(
        code("American troops in Iraq attacked Hamas."),
        [triple("USAMIL", "190", "PSEREBHMS")]
    );
    // "from" a country, as the subject; an object "from" a country is where it comes from.
    assert_eq!(
        code("Soldiers from Russia attacked Iraq."),
        [triple("RUSMIL", "190", "IRQ")]
    );
    assert_eq!(
        code("Hamas attacked soldiers from Russia."),
        [triple("PSEREBHMS", "190", "---MIL")]
    );
}

#[test]
fn ethnic_group_takes_the_country_it_lives_in() {
    // Where the group is ("in Iraq") or where the event happens decides; a nationality alone keeps its
    // country.
    assert_eq!(
        code("Ethnic Russians in Iraq attacked the United States."),
        [triple("IRQ", "190", "USA")]
    );
    assert_eq!(
        code("Up to 100 ethnic Russians marched on Tuesday in Iraq."),
        [triple("IRQ", "141", "IRQ")]
    );
    assert_eq!(
        code("Russian troops marched on Tuesday in Iraq."),
        [triple("RUSMIL", "141", "IRQ")]
    );
    assert_eq!(
        code("Ethnic Russians attacked the United States."),
        [triple("RUS", "190", "USA")]
    );
}

#[test]
fn bracketed_acronym_names_the_phrase_before_it() {
    // The acronym does not become an actor of its own, and a role after it belongs to the organisation
    // (a named one keeps its code, as "Hamas officials" does; an unknown one in Iraq gives IRQGOV).
    assert_eq!(
        code("The Kurdistan Workers' Party (PKK) attacked Russian troops."),
        [triple("IRQREBPKK", "190", "RUSMIL")]
    );
    assert_eq!(
        code("Kurdistan Workers' Party (PKK) officials attacked Russian troops."),
        [triple("IRQREBPKK", "190", "RUSMIL")]
    );
    assert_eq!(
        code("Iraq Water Board (IWB) officials attacked Russian troops."),
        [triple("IRQGOV", "190", "RUSMIL")]
    );
}

#[test]
fn object_infinitive_to_is_not_a_preposition() {
    assert_eq!(
        code("Lavrov invited Meshaal to Moscow."),
        [triple("RUSGOV", "036", "PSEREBHMS")]
    );
    assert_eq!(
        code("Lavrov invited Meshaal to visit Moscow."),
        [triple("RUSGOV", "020", "PSEREBHMS")]
    );
}

#[test]
fn a_region_named_before_a_role_gives_the_country() {
    // A region's name (Ontario) before a role codes its country; a town's name that is also a company's
    // (Firestone) and an acronym (GAO, also a town in Mali) do not.
    assert_eq!(
        code("Ontario officials attacked Russian troops."),
        [triple("CANGOV", "190", "RUSMIL")]
    );
    assert_eq!(
        code("Firestone officials attacked Russian troops."),
        [triple("---GOV", "190", "RUSMIL")]
    );
    assert_eq!(
        code("GAO officials attacked Russian troops."),
        [triple("---GOV", "190", "RUSMIL")]
    );
}

#[test]
fn actor_phrase_falls_back_to_a_place_name() {
    let compiled = Compiled::build(dyad_dict::format::read(DICT, "test.txt"));
    let code = |text: &str| dyad_coder::place::code_actor_phrase(&compiled, text, None).code;
    assert_eq!(code("Mariupol").as_deref(), Some("UKR"));
    assert_eq!(code("Kirkuk officials").as_deref(), Some("IRQGOV"));
    assert_eq!(code("Russian troops").as_deref(), Some("RUSMIL"));
    assert_eq!(code("unknown officials").as_deref(), Some("---GOV"));
}

#[test]
fn an_adjective_coordinated_with_a_thing_s_modifier_is_no_actor() {
    // "Muslim and Christian sites" are places, so "attack {tgt}" finds no target; "Muslim and Christian
    // leaders" are people.
    assert_eq!(
        code("Hamas attacked Muslim and Christian sites in Iraq."),
        Vec::<(String, String, String)>::new()
    );
    assert_eq!(
        code("Hamas attacked Muslim and Christian leaders."),
        [triple("PSEREBHMS", "190", "---REL+---RELGOV")]
    );
}

#[test]
fn former_office_codes_an_elite() {
    assert_eq!(
        code("Meshaal met with former Russian President Dmitry Medvedev in Syria."),
        [triple("PSEREBHMS+RUSELI", "040", "PSEREBHMS+RUSELI")]
    );
    // In a historical event the person holds the office of that day.
    assert_eq!(
        code("In 2010, Meshaal met with former Russian President Dmitry Medvedev in Syria."),
        [triple("PSEREBHMS+RUSGOV", "040", "PSEREBHMS+RUSGOV")]
    );
}

#[test]
fn statements_give_way_to_other_events() {
    assert_eq!(
        code("Sergei Lavrov criticized Meshaal, a Hamas official said."),
        [triple("RUSGOV", "111", "PSEREBHMS")]
    );
    assert_eq!(
        code("A Hamas official said."),
        [triple("PSEREBHMS", "010", "")]
    );
}

#[test]
fn no_pattern_no_event() {
    assert!(code("Sergei Lavrov visited a museum with Khaled Meshaal.").is_empty());
    assert!(code("The weather was fine in Moscow.").is_empty());
}

fn run_all(text: &str) -> Vec<dyad_coder::Event> {
    run(text, true)
}

#[test]
fn dates_come_from_the_clause_or_the_publication() {
    let events = run_all(
        "Khaled Meshaal met Sergei Lavrov on Monday. Later in 2010, Meshaal met Dmitry Medvedev.",
    );
    assert_eq!(
        events[0].date.date.map(|d| d.to_string()).as_deref(),
        Some("2015-08-03")
    );
    assert_eq!(events[0].date.precision, "day");
    assert_eq!(events[1].date.precision, "year");
    assert!(events[1].date.historical);
    let plain = run_all("Khaled Meshaal met Sergei Lavrov.");
    assert_eq!(plain[0].date.precision, "publication");
}

#[test]
fn modality_changes_codes_and_marks_negation() {
    let events = run_all("Sergei Lavrov will meet Khaled Meshaal. Hamas did not attack Iraq.");
    assert_eq!(events[0].cameo.code, "036", "an intended meeting is 036");
    assert_eq!(events[1].modality, dyad_coder::modality::Modality::Negated);
    assert_eq!(
        code("Hamas did not attack Iraq."),
        [],
        "negated events are left out by default"
    );
}

#[test]
fn attribution_names_the_source_of_the_report() {
    let events = run_all("Sergei Lavrov met Khaled Meshaal, a Hamas official said.");
    let speaker = events[0].attribution.speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.code.as_deref(), Some("PSEREBHMS"));
    assert!(!events[0].attribution.narrator);
    let own_voice = run_all("Sergei Lavrov met Khaled Meshaal.");
    assert!(own_voice[0].attribution.narrator);
}

#[test]
fn a_reported_obligation_is_the_speakers_demand() {
    // CAMEO and PLOVER code what the speaker asks of the obliged actor, not the event asked for.
    assert_eq!(
        code("Iraq must meet Khaled Meshaal, Sergei Lavrov said."),
        [triple("RUSGOV", "106", "IRQ")]
    );
    let events = run_all("Iraq must meet Khaled Meshaal, Sergei Lavrov said.");
    assert_eq!(
        events[0].modality,
        dyad_coder::modality::Modality::Obligation
    );
    assert_eq!(events[0].rule.construction, "reported demand");
    assert!(dyad_coder::event::CONSTRUCTIONS.contains(&events[0].rule.construction));
    // In the narrator's voice there is no one demanding: the event stays as written.
    let own_voice = run_all("Iraq must meet Khaled Meshaal.");
    assert_eq!(own_voice[0].cameo.code, "040");
    assert_eq!(
        own_voice[0].modality,
        dyad_coder::modality::Modality::Obligation
    );
}

#[test]
fn a_statement_that_someone_must_act_is_a_demand() {
    // Nothing is coded for "return": the statement itself is the demand.
    assert_eq!(
        code("Russia said on Tuesday that Iraq must return the helicopter."),
        [triple("RUS", "100", "IRQ")]
    );
    assert_eq!(
        code("Russia said that Iraq returned the helicopter."),
        [triple("RUS", "010", "IRQ")]
    );
}

#[test]
fn the_possessed_name_is_the_actor() {
    assert_eq!(
        code("Dmitry Medvedev's Gazprom criticized Iraq."),
        [triple("RUSBUS", "111", "IRQ")]
    );
    // An unknown name takes the country of its possessor.
    assert_eq!(
        code("Russia's Rosneft criticized Iraq."),
        [triple("RUS", "111", "IRQ")]
    );
}

#[test]
fn a_parenthesis_does_not_hide_the_subject() {
    assert_eq!(
        code("Hamas (supported by Russia) attacked Iraq."),
        [triple("PSEREBHMS", "190", "IRQ")]
    );
}

#[test]
fn a_quantity_of_actors_is_the_subject() {
    assert_eq!(
        code("Thousands of Russian troops attacked Iraq."),
        [triple("RUSMIL", "190", "IRQ")]
    );
}

#[test]
fn a_purpose_infinitive_takes_the_subject_of_its_verb() {
    // The governing verb is found past its object and a day name.
    assert_eq!(
        code("Russian troops blocked the road on Monday to protest Hamas."),
        [triple("RUSMIL", "141", "PSEREBHMS")]
    );
}

#[test]
fn the_object_of_urge_acts_in_its_infinitive() {
    // "withdraw" is what is urged, not a second event; its subject would be Iraq, not the United States.
    assert_eq!(
        code("The United States urged Iraq to withdraw."),
        [triple("USA", "025", "IRQ")]
    );
    // A long object with a bracketed name: the brackets do not count towards the object's length.
    assert_eq!(
        code(
            "The United States urged troops of the Iraq Oil Company of Basra (the Basra Oil Workers \
             Union) to withdraw."
        ),
        [triple("USA", "025", "IRQMIL")]
    );
}

#[test]
fn what_a_demand_asks_for_is_not_an_event() {
    assert_eq!(
        code("Russia demanded that Hamas attack Iraq."),
        [triple("RUS", "100", "PSEREBHMS")]
    );
}

#[test]
fn a_noun_with_an_infinitive_is_not_its_governing_verb() {
    // "decision to attack": Russia's decision, Russia's intended act (a threat); not the criticism's
    // complement.
    assert_eq!(
        code("Hamas criticized Russia's decision to attack Iraq."),
        [
            triple("PSEREBHMS", "111", "RUS"),
            triple("RUS", "138", "IRQ")
        ]
    );
}

#[test]
fn a_prepositional_aside_does_not_hide_the_subject() {
    assert_eq!(
        code("Russia's foreign minister, in remarks published on Monday, criticized Iraq."),
        [triple("RUSGOV", "111", "IRQ")]
    );
}

#[test]
fn the_head_of_an_of_phrase_acts_for_it() {
    assert_eq!(
        code("A member of the Russian parliament, Ivan Petrov, criticized Iraq."),
        [triple("RUSLEG", "111", "IRQ")]
    );
}

#[test]
fn an_agentless_arrest_in_a_country_is_that_state_s_act() {
    assert_eq!(
        code("A Hamas official was arrested in Iraq on Monday."),
        [triple("IRQ", "173", "PSEREBHMS")]
    );
    // Not for acts anyone may do.
    assert_eq!(
        code("Sergei Lavrov was criticized in Iraq."),
        [triple("", "111", "RUSGOV")]
    );
}

#[test]
fn a_day_name_may_stand_between_verb_and_object() {
    assert_eq!(
        code("Russian troops lifted Friday a blockade on Iraq."),
        [triple("RUSMIL", "0872", "IRQ")]
    );
    assert_eq!(
        code("Russian troops lifted on Friday a blockade on Iraq."),
        [triple("RUSMIL", "0872", "IRQ")]
    );
}

#[test]
fn a_participle_after_an_object_has_the_verb_s_subject() {
    assert_eq!(
        code("Hamas issued a statement demanding that Russia attack Iraq."),
        [triple("PSEREBHMS", "100", "RUS")]
    );
}

#[test]
fn a_participle_after_a_mention_modifies_it() {
    assert_eq!(
        code("Russian troops operating in Iraq attacked Hamas."),
        [triple("RUSMIL", "190", "PSEREBHMS")]
    );
}

#[test]
fn a_possessive_inside_a_name_does_not_split_it() {
    assert_eq!(
        code("The Kurdistan Workers' Party attacked Iraq."),
        [triple("IRQREBPKK", "190", "IRQ")]
    );
}

#[test]
fn an_unknown_name_of_a_place_is_not_an_actor() {
    // An unknown organisation is a target without a code; a bridge is nobody.
    assert_eq!(
        code("Russian troops attacked the Volga Brigade."),
        [triple("RUSMIL", "190", "Volga Brigade")]
    );
    assert_eq!(code("Russian troops attacked the Volga Bridge."), []);
}

#[test]
fn listed_nationalities_share_the_head_noun_after_them() {
    assert_eq!(
        code("Russian and American troops attacked Hamas."),
        [triple("RUSMIL+USAMIL", "190", "PSEREBHMS")]
    );
    assert_eq!(
        code("Russian, Palestinian and American soldiers attacked Iraq."),
        [triple("RUSMIL+PSEMIL+USAMIL", "190", "IRQ")]
    );
}

#[test]
fn a_mutual_event_with_a_named_partner_has_both_as_actors() {
    assert_eq!(
        code("Sergei Lavrov met with Khaled Meshaal."),
        [triple("RUSGOV+PSEREBHMS", "040", "RUSGOV+PSEREBHMS")]
    );
    assert_eq!(
        code("Sergei Lavrov invited Khaled Meshaal."),
        [triple("RUSGOV", "036", "PSEREBHMS")]
    );
}

#[test]
fn protesters_of_no_stated_country_protest_where_they_live() {
    assert_eq!(
        code("Students marched in Moscow on Monday."),
        [triple("RUSEDU", "141", "")]
    );
    assert_eq!(
        code("Students marched on Monday."),
        [triple("---EDU", "141", "")]
    );
    // Not for other events.
    assert_eq!(
        code("Students attacked Hamas in Moscow."),
        [triple("---EDU", "190", "PSEREBHMS")]
    );
}

#[test]
fn opposed_to_is_a_state_of_the_subject_not_a_passive() {
    assert_eq!(
        code("Russia is opposed to Hamas."),
        [triple("RUS", "120", "PSEREBHMS")]
    );
    assert_eq!(
        code("Hamas was opposed by Russia."),
        [triple("RUS", "120", "PSEREBHMS")]
    );
}

#[test]
fn a_title_before_a_known_surname_is_that_person() {
    assert_eq!(
        code("President Medvedev criticized Iraq."),
        [triple("RUSELI", "111", "IRQ")]
    );
}

#[test]
fn a_participle_after_a_comma_has_the_clause_s_subject() {
    assert_eq!(
        code("Russian troops attacked Iraq, arresting Hamas leader Khaled Meshaal."),
        [
            triple("RUSMIL", "190", "IRQ"),
            triple("RUSMIL", "173", "PSEREBHMS")
        ]
    );
}

#[test]
fn a_parenthesis_does_not_hide_the_governing_verb() {
    // "withdraw" is what the United States urged, not a second event.
    assert_eq!(
        code("The United States urged Iraq (Mesopotamia) to withdraw."),
        [triple("USA", "025", "IRQ")]
    );
}

#[test]
fn at_least_is_a_quantity_not_a_preposition() {
    // An agentless passive: the attacker is unknown, the victims are the target.
    assert_eq!(
        code("At least 23 Russian troops were attacked on Monday."),
        [triple("", "190", "RUSMIL")]
    );
    // Violence whose subject is no actor keeps its target.
    assert_eq!(
        code("A car bomb attacked Russian troops."),
        [triple("", "190", "RUSMIL")]
    );
}

#[test]
fn a_dictionary_entry_may_set_its_own_plover_translation() {
    let plover = |text: &str| -> Vec<(String, String, Option<String>)> {
        run(text, false)
            .into_iter()
            .filter_map(|e| {
                let p = e.plover?;
                Some((e.cameo.code, p.event_type, p.mode))
            })
            .collect()
    };
    assert_eq!(
        plover("Iraq indicted Sergei Lavrov."),
        [("173".into(), "ACCUSE".into(), Some("allege".into()))]
    );
    assert_eq!(
        plover("Iraq arrested Sergei Lavrov."),
        [("173".into(), "COERCE".into(), Some("arrest".into()))]
    );
    // A vow to indict is a threat (137): the event no longer has the entry's code.
    assert_eq!(
        plover("Iraq vowed to indict Sergei Lavrov."),
        [("137".into(), "THREATEN".into(), Some("violence".into()))]
    );
}

#[test]
fn a_group_of_no_stated_country_contests_its_own_state() {
    assert_eq!(
        code("Students criticized the Russian foreign minister."),
        [triple("RUSEDU", "111", "RUSGOV")]
    );
    // Not when the target is a state's forces, which often act abroad.
    assert_eq!(
        code("Students criticized Russian troops."),
        [triple("---EDU", "111", "RUSMIL")]
    );
}

#[test]
fn a_state_leader_s_role_noun_belongs_to_the_leader_s_state() {
    assert_eq!(
        code("Dmitry Medvedev's troops attacked Iraq."),
        [triple("RUSMIL", "190", "IRQ")]
    );
}

#[test]
fn a_quantity_of_a_quantity_opens_the_clause() {
    assert_eq!(
        code("Tens of thousands of students marched in Moscow."),
        [triple("RUSEDU", "141", "")]
    );
}

#[test]
fn a_participle_phrase_between_subject_and_verb_is_passed_over() {
    assert_eq!(
        code("Russian troops using precision guided missiles attacked Iraq."),
        [triple("RUSMIL", "190", "IRQ")]
    );
}

#[test]
fn the_agent_of_a_nominal_event_is_not_found_past_an_infinitive_or_a_main_verb() {
    assert_eq!(
        code("The blockade of Iraq by Russian troops ended."),
        [triple("RUSMIL", "191", "IRQ")]
    );
    assert_eq!(
        code("The blockade of Iraq, meant to punish Hamas by Russian standards, ended."),
        [triple("", "191", "IRQ")]
    );
    // A light verb gives the subject only when it is the nearest verb before the noun.
    assert_eq!(
        code("Students continued to flee the blockade of Iraq."),
        [triple("", "191", "IRQ")]
    );
}

#[test]
fn a_subject_with_a_name_in_apposition_acts() {
    assert_eq!(
        code("The Russian foreign minister, Sergei Lavrov, criticized Hamas."),
        [triple("RUSGOV", "111", "PSEREBHMS")]
    );
}

#[test]
fn a_conflict_said_to_have_ended_is_not_coded_as_going_on() {
    assert_eq!(code("The blockade of Iraq ended."), []);
    assert_eq!(code("The blockade of Iraq has drawn to a halt."), []);
    assert_eq!(
        code("The blockade of Iraq has not ended."),
        [triple("", "191", "IRQ")]
    );
}

#[test]
fn what_an_accusation_says_is_not_a_second_event() {
    assert_eq!(
        code("Russia accused Hamas of attacking Iraq."),
        [triple("RUS", "112", "PSEREBHMS")]
    );
}
