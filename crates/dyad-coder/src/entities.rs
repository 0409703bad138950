//! Document-level entity tracking: later mentions (surnames, descriptions such as "the Hamas leader" or
//! "the group", pronouns) resolve to actors mentioned earlier in the same document.

use crate::mentions::{Mention, MentionKind};
use dyad_dict::Compiled;
use dyad_dict::model::ActorKind;
use rustc_hash::FxHashMap;

/// An entity of the document.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Reported name.
    pub name: String,
    /// CAMEO code.
    pub code: Option<String>,
    /// Dictionary actor, if known.
    pub actor: Option<u32>,
    /// Country.
    pub country: Option<String>,
    /// Sectors.
    pub sectors: Vec<String>,
    /// A person (named or unknown with a personal name).
    pub person: bool,
    /// An organisation or group.
    pub organisation: bool,
    /// Known by name (a dictionary actor or a proper name), not only by a description ("a Hamas official").
    pub named: bool,
}

/// The entities of one document, in order of first mention.
#[derive(Debug, Default)]
pub struct Entities {
    /// All entities.
    pub list: Vec<Entity>,
    by_actor: FxHashMap<u32, u32>,
    by_name: FxHashMap<String, u32>,
    /// Each entity's name in lower case (`lower[id]`), made once, for the surname and description scans.
    lower: Vec<String>,
    /// Most recent entity first is found by scanning `recent` backwards.
    recent: Vec<u32>,
}

const PERSON_DESCRIPTIONS: &[&str] = &[
    "official",
    "minister",
    "leader",
    "diplomat",
    "envoy",
    "spokesman",
    "spokeswoman",
    "president",
    "chief",
    "commander",
    "premier",
    "chancellor",
    "secretary",
    "king",
    "prime minister",
];
const GROUP_DESCRIPTIONS: &[&str] = &[
    "group",
    "movement",
    "organisation",
    "organization",
    "militants",
    "faction",
    "party",
    "militia",
];

impl Entities {
    fn add(&mut self, entity: Entity) -> u32 {
        let id = self.list.len() as u32;
        if let Some(actor) = entity.actor {
            self.by_actor.insert(actor, id);
        }
        let lower = entity.name.to_lowercase();
        self.by_name.insert(lower.clone(), id);
        self.lower.push(lower);
        self.list.push(entity);
        id
    }

    fn touch(&mut self, id: u32) {
        self.recent.retain(|&e| e != id);
        self.recent.push(id);
    }

    /// The two most recently mentioned people or organisations ("the pair", "both sides").
    pub fn last_two(&self) -> Option<(u32, u32)> {
        let two = |accept: &dyn Fn(&Entity) -> bool| {
            let mut found = self
                .recent
                .iter()
                .rev()
                .copied()
                .filter(|&id| accept(&self.list[id as usize]));
            let first = found.next()?;
            Some((found.next()?, first))
        };
        // People first ("the pair" after two leaders met), then any coded actors.
        two(&|e: &Entity| e.person && e.named)
            .or_else(|| two(&|e: &Entity| e.person))
            .or_else(|| two(&|e: &Entity| e.person || e.organisation || e.code.is_some()))
    }

    /// Copies an entity's identity into a mention.
    pub fn fill(&mut self, id: u32, mention: &mut Mention) {
        self.touch(id);
        let entity = &self.list[id as usize];
        mention.entity = id;
        mention.name = entity.name.clone();
        mention.code = entity.code.clone();
        mention.country = entity.country.clone();
        mention.sectors = entity.sectors.clone();
        mention.actor = entity.actor;
    }

    /// The person a lower-case surname names: the latest person of the document with that surname whom
    /// `accept` takes, else the one dictionary person with it (an entity made on first use).
    fn by_surname(
        &mut self,
        compiled: &Compiled,
        surnames: &FxHashMap<String, u32>,
        date: Option<jiff::civil::Date>,
        surname: &str,
        accept: impl Fn(&Entity) -> bool,
    ) -> Option<u32> {
        self.most_recent_named(|e, lower| {
            e.person && accept(e) && lower.rsplit(' ').next() == Some(surname)
        })
        .or_else(|| {
            let actor = *surnames.get(surname)?;
            let entity = self.by_actor.get(&actor).copied();
            Some(entity.unwrap_or_else(|| self.add(entity_of_actor(compiled, actor, date))))
        })
    }

    fn most_recent(&self, accept: impl Fn(&Entity) -> bool) -> Option<u32> {
        self.recent
            .iter()
            .rev()
            .copied()
            .find(|&id| accept(&self.list[id as usize]))
    }

    /// [`Entities::most_recent`] with each entity's lower-case name given to `accept` too.
    fn most_recent_named(&self, accept: impl Fn(&Entity, &str) -> bool) -> Option<u32> {
        self.recent
            .iter()
            .rev()
            .copied()
            .find(|&id| accept(&self.list[id as usize], &self.lower[id as usize]))
    }

    /// Resolves a mention to an entity (creating one when it is new) and fills the mention's code, name,
    /// country and sectors from the entity when the mention lacks them.
    pub fn resolve(
        &mut self,
        compiled: &Compiled,
        surnames: &FxHashMap<String, u32>,
        date: Option<jiff::civil::Date>,
        mention: &mut Mention,
    ) {
        // Unknown names, pronouns and descriptions are looked up by their lower-case form.
        let lower = match mention.kind {
            MentionKind::Unknown | MentionKind::Pronoun | MentionKind::Description => {
                mention.name.to_lowercase()
            }
            MentionKind::Named | MentionKind::Composed => String::new(),
        };
        // "a Hamas official", "an Israeli diplomat": a new, unnamed person of that organisation or country,
        // whom "the official" may refer back to; not the organisation itself.
        let person_roles = ["GOV", "ELI", "MIL", "COP", "JUD", "SPY", "LEG", "MED"];
        if mention.indefinite
            && mention
                .sectors
                .iter()
                .any(|s| person_roles.contains(&s.as_str()))
            && mention
                .actor
                .is_none_or(|a| compiled.set.actors[a as usize].kind != ActorKind::Person)
        {
            let id = self.add(Entity {
                name: mention.text.clone(),
                code: mention.code.clone(),
                actor: None,
                country: mention.country.clone(),
                sectors: mention.sectors.clone(),
                person: true,
                organisation: false,
                named: false,
            });
            self.touch(id);
            mention.entity = id;
            mention.name = mention.text.clone();
            return;
        }
        let found = match mention.kind {
            MentionKind::Named => {
                let actor = mention.actor.unwrap_or(u32::MAX);
                let kind = compiled.set.actors.get(actor as usize).map(|a| a.kind);
                // "the Hamas leader": an organisation plus a person description → its recent leader.
                let role_of_org = kind.is_some_and(|k| k != ActorKind::Person)
                    && mention.sectors.iter().any(|s| s == "GOV" || s == "ELI")
                    && mention.definite;
                let leader = role_of_org
                    .then(|| {
                        let org_code = mention.code.clone().unwrap_or_default();
                        let of_org = |e: &Entity| {
                            e.person && e.code.as_deref().is_some_and(|c| c.starts_with(&org_code))
                        };
                        // A named leader before an anonymous official of the same group.
                        self.most_recent(|e| of_org(e) && e.named)
                            .or_else(|| self.most_recent(of_org))
                    })
                    .flatten();
                if let Some(org) = leader.and_then(|_| self.by_actor.get(&actor).copied()) {
                    // The organisation was mentioned too: it is recent as well ("the group" next).
                    self.touch(org);
                }
                leader.or_else(|| self.by_actor.get(&actor).copied())
            }
            MentionKind::Unknown => self.by_name.get(&lower).copied().or_else(|| {
                // A surname of an earlier person, or of a dictionary person ("Meshaal", "Lavrov").
                (!lower.contains(' '))
                    .then(|| self.by_surname(compiled, surnames, date, &lower, |_| true))
                    .flatten()
            }),
            MentionKind::Pronoun => match lower.as_str() {
                "he" | "him" | "she" | "her" | "i" => self.most_recent(|e| e.person),
                "it" => self.most_recent(|e| !e.person),
                _ => self.most_recent(|e| e.organisation || !e.person),
            },
            MentionKind::Description => {
                let head = lower.rsplit(' ').next().unwrap_or("");
                let refs_match = |e: &Entity| {
                    e.actor.is_some_and(|a| {
                        compiled.set.actors[a as usize]
                            .refs
                            .iter()
                            .any(|r| lower.ends_with(r.as_str()))
                    })
                };
                // "the official" after "a Hamas official": the same description first.
                let same_head = |e: &Entity, lower: &str| {
                    e.actor.is_none() && lower.ends_with(head) && !head.is_empty()
                };
                self.most_recent(refs_match)
                    .or_else(|| self.most_recent_named(same_head))
                    .or_else(|| {
                        if GROUP_DESCRIPTIONS.contains(&head) {
                            self.most_recent(|e| e.organisation)
                        } else if PERSON_DESCRIPTIONS.iter().any(|d| lower.ends_with(d)) {
                            // "the police spokesman" refers back only to someone of the same sector.
                            let sectors = &mention.sectors;
                            self.most_recent(|e| {
                                e.person
                                    && (sectors.is_empty()
                                        || sectors.iter().any(|s| {
                                            e.sectors.contains(s)
                                                || e.code
                                                    .as_deref()
                                                    .is_some_and(|c| c.ends_with(s.as_str()))
                                        }))
                            })
                        } else {
                            None
                        }
                    })
            }
            // "President Mugabe": a title before a known person's surname is that person.
            MentionKind::Composed if mention.country.is_none() && mention.actor.is_none() => {
                let surname = mention
                    .name
                    .rsplit(' ')
                    .next()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.len() > 2)
                    .map(str::to_lowercase);
                surname.and_then(|surname| {
                    self.by_surname(compiled, surnames, date, &surname, |e| e.country.is_some())
                })
            }
            MentionKind::Composed => mention.code.as_ref().and_then(|code| {
                let person_role =
                    mention.definite && !mention.sectors.is_empty() && !mention.plural;
                self.most_recent(|e| {
                    e.code.as_ref() == Some(code) && e.name.eq_ignore_ascii_case(&mention.name)
                })
                .or_else(|| {
                    person_role
                        .then(|| self.most_recent(|e| e.person && e.code.as_ref() == Some(code)))
                        .flatten()
                })
            }),
        };
        let id = match found {
            Some(id) => id,
            None => {
                let actor_kind = mention
                    .actor
                    .and_then(|a| compiled.set.actors.get(a as usize))
                    .map(|a| a.kind);
                let person = actor_kind == Some(ActorKind::Person)
                    || (mention.kind == MentionKind::Unknown && mention.name.contains(' '));
                let organisation = actor_kind.is_some_and(|k| {
                    matches!(
                        k,
                        ActorKind::Group
                            | ActorKind::Party
                            | ActorKind::Organisation
                            | ActorKind::Igo
                            | ActorKind::Ngo
                            | ActorKind::Media
                            | ActorKind::Company
                            | ActorKind::Unknown
                    )
                });
                self.add(Entity {
                    name: mention.name.clone(),
                    code: mention.code.clone(),
                    actor: mention.actor,
                    country: mention.country.clone(),
                    sectors: mention.sectors.clone(),
                    person,
                    organisation,
                    named: matches!(mention.kind, MentionKind::Named | MentionKind::Unknown),
                })
            }
        };
        self.touch(id);
        mention.entity = id;
        let entity = &self.list[id as usize];
        let refers_back = mention.kind == MentionKind::Composed
            && (mention.definite || mention.country.is_none() && entity.actor.is_some())
            && entity.person;
        if matches!(
            mention.kind,
            MentionKind::Pronoun | MentionKind::Description | MentionKind::Unknown
        ) || refers_back
            || (mention.kind == MentionKind::Named
                && entity.person
                && mention.actor != entity.actor)
        {
            if entity.code.is_some() || mention.code.is_none() {
                mention.code = entity.code.clone();
                mention.country = entity.country.clone();
                mention.sectors = entity.sectors.clone();
                mention.actor = entity.actor;
            }
            mention.name = entity.name.clone();
        }
    }
}

/// An entity for a dictionary actor found by surname.
fn entity_of_actor(compiled: &Compiled, actor: u32, date: Option<jiff::civil::Date>) -> Entity {
    let a = &compiled.set.actors[actor as usize];
    Entity {
        name: a.name.as_str().to_owned(),
        code: a.code_on(date).map(str::to_string),
        actor: Some(actor),
        country: a.country.as_deref().map(str::to_owned),
        sectors: a.sectors.iter().map(|s| s.as_str().to_owned()).collect(),
        person: a.kind == ActorKind::Person,
        organisation: false,
        named: true,
    }
}
