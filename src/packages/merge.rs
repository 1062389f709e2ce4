//! Importing a data package: the preview (what is new, changed, deleted, unchanged, in
//! conflict, and which incoming people are people already here), the user's choices,
//! and the writes, made in one transaction after a backup.
//!
//! **Which side changed.** Every database keeps, per record, the version hashes it knows
//! its current version supersedes: every version it sent or received (`exchange_history`).
//! A package carries each record's history, its current version included. For a record
//! that is here:
//! - the same field values: unchanged (only the histories are joined);
//! - our version is in the incoming history: they built on ours, so theirs is newer
//!   (a fast-forward: changed, deleted or restored);
//! - their version is in our history: ours is newer, theirs is old news (unchanged);
//! - neither: both sides changed it since they last had the same version: a conflict,
//!   for the user to decide (mine, theirs, or field by field for people).
//!
//! The history is the database's, not a peer's, so it holds for any route a package
//! takes (studio → base → region, a package lost and sent again, one imported twice).
//!
//! **The same person entered on both sides** (same document, another id) is shown as a
//! pair to make one; every incoming record naming the incoming id is pointed at the
//! person here, and the alias is remembered so the next package lands on the same person.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde_json::Value;

use super::ExchangeError;
use super::package::{Manifest, Package};
use super::versions::{changes_sign_off, display_name, field, same_content, version_hash};
use crate::domain::RecordKind;
use crate::progress::Progress;
use crate::store::exchange::{MergeWrite, RawRecord, ReceivedPackage, RecordWrite};
use crate::store::{BackupReason, Store};

/// A record as the preview lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: RecordKind,
    pub id: String,
    pub name: String,
}

/// A field whose values differ.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDiff {
    pub field: String,
    pub mine: Value,
    pub theirs: Value,
}

/// A record changed on both sides since they last had the same version.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub kind: RecordKind,
    pub id: String,
    pub name: String,
    pub mine: RawRecord,
    pub theirs: RawRecord,
    pub diffs: Vec<FieldDiff>,
    /// Why theirs cannot be taken (their delete, while records here still use it).
    pub theirs_blocked: Option<Item>,
    /// Who last changed the record here, and when (from this database's audit trail).
    pub mine_changed: Changed,
    /// Who changed theirs, and when (the sender, when the sender made the change).
    pub theirs_changed: Changed,
}

/// Who changed one side of a conflict, and when.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// Local time, to the second.
    pub at: String,
    /// The operator's name (and where), as far as it is known.
    pub by: String,
    /// The stored UTC time, which orders the two sides.
    pub stamp: String,
}

/// The registers where two versions of one record may both be kept as two records (two
/// services, two fund entries …): none whose records must be one of a kind (a person per
/// document, an enrolment per person and cohort, a certificate tied to its enrolment, an
/// organisation, a year's capacity declaration).
const BOTH_ALLOWED: &[RecordKind] = &[
    RecordKind::PublicService,
    RecordKind::Fund,
    RecordKind::TeacherTraining,
    RecordKind::Achievement,
    RecordKind::Award,
    RecordKind::Competition,
];

impl Conflict {
    /// "Keep both" may be chosen: a register where two such records may stand, both
    /// sides live.
    pub fn both_allowed(&self) -> bool {
        BOTH_ALLOWED.contains(&self.kind) && !self.mine.is_deleted() && !self.theirs.is_deleted()
    }

    /// Theirs was changed later than mine.
    pub fn theirs_newer(&self) -> bool {
        self.theirs_changed.stamp > self.mine_changed.stamp
    }
}

/// An incoming person whose document is a person's here under another id.
#[derive(Clone, Debug, PartialEq)]
pub struct SamePerson {
    /// The incoming person's id.
    pub incoming: String,
    pub local: String,
    pub name: String,
    pub mine: RawRecord,
    pub theirs: RawRecord,
    pub diffs: Vec<FieldDiff>,
}

/// A conflict's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    Mine,
    Theirs,
    /// Mine, with these fields taken from theirs (any register).
    Fields(Vec<String>),
    /// Mine kept, and theirs added beside it as a record of its own (registers where two
    /// such records may stand: [`Conflict::both_allowed`]).
    Both,
}

/// The command line's `--prefer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prefer {
    Mine,
    Theirs,
}

/// The user's choices, one per conflict and one per same-person pair (the fields taken
/// from the incoming person).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolution {
    pub conflicts: Vec<Choice>,
    pub people: Vec<Vec<String>>,
}

impl Resolution {
    /// Every conflict and every person pair decided one way.
    pub fn prefer(preview: &Preview, prefer: Prefer) -> Resolution {
        Resolution {
            conflicts: preview
                .conflicts
                .iter()
                .map(|c| match prefer {
                    Prefer::Theirs if c.theirs_blocked.is_none() => Choice::Theirs,
                    _ => Choice::Mine,
                })
                .collect(),
            people: preview
                .same_people
                .iter()
                .map(|p| match prefer {
                    Prefer::Mine => Vec::new(),
                    Prefer::Theirs => p.diffs.iter().map(|d| d.field.clone()).collect(),
                })
                .collect(),
        }
    }
}

/// What a non-conflicting record does.
#[derive(Clone, Debug)]
enum Decision {
    Insert(RawRecord),
    Replace { old: RawRecord, new: RawRecord },
}

/// What importing a package would do; nothing is written until [`apply`].
#[derive(Clone, Debug)]
pub struct Preview {
    pub manifest: Manifest,
    pub file: PathBuf,
    pub new: Vec<Item>,
    pub changed: Vec<Item>,
    pub deleted: Vec<Item>,
    pub unchanged: u64,
    pub conflicts: Vec<Conflict>,
    pub same_people: Vec<SamePerson>,
    /// When this package was imported before.
    pub already: Option<ReceivedPackage>,
    /// Each register's field columns here.
    pub columns: HashMap<RecordKind, Vec<String>>,
    decisions: Vec<Decision>,
    /// History rows to add (not yet here).
    history: Vec<(String, Vec<u8>)>,
    aliases: Vec<(String, String)>,
    /// Submitted returns the package brings that are not here yet.
    pub submissions: Vec<crate::store::SubmittedReturn>,
    /// Schemes and self-assessments the package brings that are newer than here.
    pub assessments: crate::store::PackagedAssessments,
    /// Every record of the package by id, as people know it.
    pub names: HashMap<String, String>,
    /// The attachments it brings (new here, removed by the sender) and the files of the
    /// new ones not kept here yet.
    pub attachments: crate::store::AttachmentMerge,
    files: Vec<(String, Vec<u8>)>,
}

impl Preview {
    /// Conflicts and person pairs with differing fields: choices to make.
    pub fn needs_choices(&self) -> bool {
        !self.conflicts.is_empty() || self.same_people.iter().any(|p| !p.diffs.is_empty())
    }

    pub fn fields(&self, kind: RecordKind) -> &[String] {
        self.columns.get(&kind).map_or(&[], |v| v.as_slice())
    }
}

fn diffs(mine: &RawRecord, theirs: &RawRecord, fields: &[String]) -> Vec<FieldDiff> {
    fields
        .iter()
        .zip(mine.fields.iter().zip(&theirs.fields))
        .filter(|(_, (a, b))| a != b)
        .map(|(f, (a, b))| FieldDiff {
            field: f.clone(),
            mine: a.clone(),
            theirs: b.clone(),
        })
        .collect()
}

fn doc_of(r: &RawRecord, fields: &[String]) -> Option<(String, String)> {
    let t = field(r, fields, "doc_type")?.as_str()?.to_string();
    let n = field(r, fields, "doc_number")?.as_str()?.to_string();
    Some((t, n))
}

/// Compares a checked package with this database (see the module's comment); records
/// are named in `lang`.
pub fn preview(store: &Store, package: &Package, lang: crate::lang::Lang) -> Result<Preview, ExchangeError> {
    let mut columns = HashMap::new();
    for kind in RecordKind::ALL {
        columns.insert(*kind, store.field_columns(*kind)?);
    }
    let mut aliases = store.person_aliases()?;
    let mut incoming = read_incoming(package, &columns)?;
    check_shared_ids(store, package, &incoming, &columns)?;
    let new_aliases = same_people(store, &incoming, &columns[&RecordKind::Person], &mut aliases)?;
    let refs = reference_fields(store, &columns);
    let (incoming_ids, alias_of_incoming) = repoint(&mut incoming, &aliases, &refs);
    let attachments = store.attachment_merge(&package.content.attachments, &|id| aliases.get(id).cloned())?;
    let mut files = Vec::new();
    for f in &package.content.files {
        if attachments.new.iter().any(|a| a.sha256 == f.sha256) && !store.attachment_stored(&f.sha256)? {
            // Checked against its SHA-256 when the package was decoded.
            files.push((f.sha256.clone(), f.bytes().unwrap_or_default()));
        }
    }
    let (local, history) = records_here(store, &incoming)?;
    check_references(store, package, &incoming, &incoming_ids, &refs, &columns)?;

    let mut p = Preview {
        manifest: package.manifest.clone(),
        file: package.file.clone(),
        new: Vec::new(),
        changed: Vec::new(),
        deleted: Vec::new(),
        unchanged: 0,
        conflicts: Vec::new(),
        same_people: Vec::new(),
        already: store.received_package(&package.manifest.package_id)?,
        columns: columns.clone(),
        decisions: Vec::new(),
        history: Vec::new(),
        aliases: Vec::new(),
        names: HashMap::new(),
        attachments,
        files,
        submissions: {
            let known = store.submission_ids()?;
            package
                .content
                .submissions
                .iter()
                .filter(|s| !known.contains(&s.id))
                .cloned()
                .collect()
        },
        assessments: store.newer_assessments(&package.content.assessments)?,
    };
    let sorter = Sorter {
        store,
        columns: &columns,
        local: &local,
        history: &history,
        fresh_alias: new_aliases.iter().map(|(a, _)| a.clone()).collect(),
        alias_of_incoming,
        deleted_in_package: incoming
            .iter()
            .filter(|(r, _)| r.is_deleted())
            .map(|(r, _)| (r.kind, r.id.clone()))
            .collect(),
    };
    p.aliases = new_aliases;
    let index: HashMap<String, RawRecord> = incoming.iter().map(|(r, _)| (r.id.clone(), r.clone())).collect();
    for (theirs, their_history) in incoming {
        sorter.sort(&mut p, theirs, their_history)?;
    }
    let namer = Namer {
        store,
        columns: &columns,
        index: &index,
        lang,
    };
    namer.name_preview(&mut p);
    Ok(p)
}

/// Names the preview's records as people know them (see `registers::naming`): from the
/// package's own records where they are, else from this database.
struct Namer<'a> {
    store: &'a Store,
    columns: &'a HashMap<RecordKind, Vec<String>>,
    index: &'a HashMap<String, RawRecord>,
    lang: crate::lang::Lang,
}

/// How deep a name follows references (an enrolment's person, a training's teacher's
/// person): enough for every register, and no loop.
const NAME_DEPTH: u8 = 3;

impl Namer<'_> {
    fn raw(&self, r: &RawRecord, depth: u8) -> String {
        let fields = &self.columns[&r.kind];
        let get = |f: &str| field(r, fields, f).cloned();
        let mut refer = |k: RecordKind, id: &str| self.id(k, id, depth + 1);
        let name = crate::registers::naming::record(r.kind, &get, self.lang, &mut refer);
        if name.is_empty() {
            display_name(r, fields)
        } else {
            name
        }
    }

    fn id(&self, kind: RecordKind, id: &str, depth: u8) -> String {
        match self.index.get(id) {
            Some(r) if depth < NAME_DEPTH => self.raw(r, depth),
            _ => self.store.describe(kind, id),
        }
    }

    fn name_preview(&self, p: &mut Preview) {
        for item in p
            .new
            .iter_mut()
            .chain(p.changed.iter_mut())
            .chain(p.deleted.iter_mut())
        {
            item.name = self.id(item.kind, &item.id, 0);
        }
        let sender = p.manifest.sender_name();
        let operator = p.manifest.operator.clone();
        let source = p.manifest.source_install.clone();
        for c in &mut p.conflicts {
            c.name = self.raw(&c.theirs, 0);
            let last = self
                .store
                .audit_for(&c.id)
                .ok()
                .and_then(|a| a.into_iter().next_back());
            c.mine_changed = match last {
                Some(e) => Changed {
                    at: crate::store::local_time(&e.at),
                    by: e.profile,
                    stamp: e.at,
                },
                None => Changed {
                    at: crate::store::local_time(&c.mine.updated_at),
                    by: String::new(),
                    stamp: c.mine.updated_at.clone(),
                },
            };
            let by = if c.theirs.changed_by == source {
                [sender.as_str(), operator.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ")
            } else {
                String::new()
            };
            c.theirs_changed = Changed {
                at: crate::store::local_time(&c.theirs.updated_at),
                by,
                stamp: c.theirs.updated_at.clone(),
            };
            if let Some(b) = &mut c.theirs_blocked {
                b.name = self.store.describe(b.kind, &b.id);
            }
        }
        for s in &mut p.same_people {
            s.name = self.raw(&s.mine, 0);
        }
        p.names = self
            .index
            .values()
            .map(|r| (r.id.clone(), self.raw(r, 0)))
            .collect();
    }
}

impl Preview {
    /// A record the package or this database holds, as people know it (for values that
    /// refer to one).
    pub fn name_of(&self, store: &Store, kind: RecordKind, id: &str) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| store.describe(kind, id))
    }

    /// A field's value as people read it (labels, names, masked numbers).
    pub fn shown(
        &self,
        store: &Store,
        kind: RecordKind,
        field: &str,
        v: &Value,
        lang: crate::lang::Lang,
    ) -> String {
        let mut refer = |k: RecordKind, id: &str| self.name_of(store, k, id);
        crate::registers::naming::value(kind, field, v, lang, &mut refer)
    }
}

/// An incoming record and the version history it carries.
type Incoming = (RawRecord, Vec<Vec<u8>>);
/// Records here by (register, id).
type Here = HashMap<(RecordKind, String), RawRecord>;
/// The version hashes known here, by record id.
type Known = HashMap<String, Vec<Vec<u8>>>;

/// Every record of the package, with the version history it carries.
fn read_incoming(
    package: &Package,
    columns: &HashMap<RecordKind, Vec<String>>,
) -> Result<Vec<Incoming>, ExchangeError> {
    let mut incoming = Vec::new();
    for table in &package.content.tables {
        let Some(kind) = RecordKind::from_code(&table.kind) else {
            continue;
        };
        for r in package.records(table, &columns[&kind])? {
            incoming.push((r.record, r.history));
        }
    }
    Ok(incoming)
}

/// One id is one record: an incoming record must not have the id of a record of
/// another register here (the package itself was checked by `Package::validate`).
fn check_shared_ids(
    store: &Store,
    package: &Package,
    incoming: &[Incoming],
    columns: &HashMap<RecordKind, Vec<String>>,
) -> Result<(), ExchangeError> {
    let kinds: HashMap<&str, &RawRecord> = incoming.iter().map(|(r, _)| (r.id.as_str(), r)).collect();
    let ids: Vec<&str> = kinds.keys().copied().collect();
    for (id, other) in store.registers_of(&ids)? {
        if let Some(r) = kinds.get(id.as_str())
            && r.kind != other
        {
            return Err(super::package::PackageError::BadRecord {
                file: package.file.clone(),
                record: Box::new(super::incoming::BadRecord {
                    kind: r.kind,
                    id,
                    name: display_name(r, &columns[&r.kind]),
                    field: "id".into(),
                    problem: super::incoming::RecordProblem::SharedId { other, here: true },
                }),
            }
            .into());
        }
    }
    Ok(())
}

/// Incoming people who are people here under another id (the same document): each
/// becomes an alias of the person here, added to `aliases`; the new ones are returned.
fn same_people(
    store: &Store,
    incoming: &[Incoming],
    person_fields: &[String],
    aliases: &mut HashMap<String, String>,
) -> Result<Vec<(String, String)>, ExchangeError> {
    let unknown_people: Vec<&RawRecord> = {
        let ids: Vec<&str> = incoming
            .iter()
            .filter(|(r, _)| r.kind == RecordKind::Person && !aliases.contains_key(&r.id))
            .map(|(r, _)| r.id.as_str())
            .collect();
        let here = store.existing_ids(RecordKind::Person, &ids)?;
        incoming
            .iter()
            .map(|(r, _)| r)
            .filter(|r| {
                r.kind == RecordKind::Person
                    && !r.is_deleted()
                    && !aliases.contains_key(&r.id)
                    && !here.contains(&r.id)
            })
            .collect()
    };
    let docs: Vec<(String, String)> = unknown_people
        .iter()
        .filter_map(|r| doc_of(r, person_fields))
        .collect();
    let by_doc = store.live_people_by_document(&docs)?;
    let mut new_aliases = Vec::new();
    for r in &unknown_people {
        if let Some(local) = doc_of(r, person_fields).and_then(|d| by_doc.get(&d))
            && *local != r.id
        {
            aliases.insert(r.id.clone(), local.clone());
            new_aliases.push((r.id.clone(), local.clone()));
        }
    }
    Ok(new_aliases)
}

/// Each register's reference fields: the field's position and the register it names.
fn reference_fields(
    store: &Store,
    columns: &HashMap<RecordKind, Vec<String>>,
) -> HashMap<RecordKind, Vec<(usize, RecordKind)>> {
    RecordKind::ALL
        .iter()
        .map(|k| {
            let fields = &columns[k];
            let list = store
                .references(*k)
                .into_iter()
                .filter_map(|(col, target)| fields.iter().position(|f| *f == col).map(|i| (i, target)))
                .collect();
            (*k, list)
        })
        .collect()
}

/// Points every incoming person, and every incoming reference to a person, at the
/// person kept here. Returns the incoming records' (register, id) after that, and the
/// incoming id each aliased person here came in under.
fn repoint(
    incoming: &mut [Incoming],
    aliases: &HashMap<String, String>,
    refs: &HashMap<RecordKind, Vec<(usize, RecordKind)>>,
) -> (HashSet<(RecordKind, String)>, HashMap<String, String>) {
    let mut incoming_ids: HashSet<(RecordKind, String)> = HashSet::new();
    let mut alias_of_incoming: HashMap<String, String> = HashMap::new();
    for (r, _) in incoming.iter_mut() {
        if r.kind == RecordKind::Person
            && let Some(local) = aliases.get(&r.id)
        {
            alias_of_incoming.insert(local.clone(), r.id.clone());
            r.id = local.clone();
        }
        for (i, target) in &refs[&r.kind] {
            if *target == RecordKind::Person
                && let Some(Value::String(id)) = r.fields.get(*i)
                && let Some(local) = aliases.get(id)
            {
                r.fields[*i] = Value::String(local.clone());
            }
        }
        incoming_ids.insert((r.kind, r.id.clone()));
    }
    (incoming_ids, alias_of_incoming)
}

/// The records here with the ids of incoming ones, and the version hashes known here
/// for each id.
fn records_here(store: &Store, incoming: &[Incoming]) -> Result<(Here, Known), ExchangeError> {
    let mut local = Here::new();
    let mut history = Known::new();
    for kind in RecordKind::ALL {
        let ids: Vec<&str> = incoming
            .iter()
            .filter(|(r, _)| r.kind == *kind)
            .map(|(r, _)| r.id.as_str())
            .collect();
        for chunk in ids.chunks(5000) {
            for (id, r) in store.raw_records(*kind, chunk)? {
                local.insert((*kind, id), r);
            }
            history.extend(store.exchange_history(chunk)?);
        }
    }
    Ok((local, history))
}

/// References must resolve: to a record in the package or one here.
fn check_references(
    store: &Store,
    package: &Package,
    incoming: &[Incoming],
    incoming_ids: &HashSet<(RecordKind, String)>,
    refs: &HashMap<RecordKind, Vec<(usize, RecordKind)>>,
    columns: &HashMap<RecordKind, Vec<String>>,
) -> Result<(), ExchangeError> {
    let mut wanted: HashMap<RecordKind, HashSet<String>> = HashMap::new();
    for (r, _) in incoming {
        for (i, target) in &refs[&r.kind] {
            if let Some(Value::String(id)) = r.fields.get(*i)
                && !incoming_ids.contains(&(*target, id.clone()))
            {
                wanted.entry(*target).or_default().insert(id.clone());
            }
        }
    }
    let mut present: HashSet<(RecordKind, String)> = HashSet::new();
    for (kind, ids) in &wanted {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        for chunk in ids.chunks(5000) {
            for id in store.existing_ids(*kind, chunk)? {
                present.insert((*kind, id));
            }
        }
    }
    for (r, _) in incoming {
        for (i, target) in &refs[&r.kind] {
            if let Some(Value::String(id)) = r.fields.get(*i)
                && !incoming_ids.contains(&(*target, id.clone()))
                && !present.contains(&(*target, id.clone()))
            {
                return Err(ExchangeError::MissingReference {
                    file: package.file.clone(),
                    kind: r.kind,
                    id: r.id.clone(),
                    field: columns[&r.kind][*i].clone(),
                    target: *target,
                    target_id: id.clone(),
                });
            }
        }
    }
    Ok(())
}

/// What the preview needs to place each incoming record: the records here and what
/// is known of their versions.
struct Sorter<'a> {
    store: &'a Store,
    columns: &'a HashMap<RecordKind, Vec<String>>,
    local: &'a Here,
    history: &'a Known,
    /// The incoming ids of people first recognised as people here by this package.
    fresh_alias: HashSet<String>,
    /// Person here → the incoming id they came in under.
    alias_of_incoming: HashMap<String, String>,
    deleted_in_package: HashSet<(RecordKind, String)>,
}

impl Sorter<'_> {
    /// Places one incoming record: new, a person pair, unchanged, changed or deleted
    /// (a fast-forward), or a conflict; and learns the versions it supersedes.
    fn sort(
        &self,
        p: &mut Preview,
        theirs: RawRecord,
        their_history: Vec<Vec<u8>>,
    ) -> Result<(), ExchangeError> {
        let fields = &self.columns[&theirs.kind];
        let item = Item {
            kind: theirs.kind,
            id: theirs.id.clone(),
            name: display_name(&theirs, fields),
        };
        let known: &[Vec<u8>] = self.history.get(&theirs.id).map_or(&[], |v| v.as_slice());
        let learn = |hash: &Vec<u8>, p: &mut Preview| {
            if !known.contains(hash) && !p.history.iter().any(|(i, h)| *i == theirs.id && h == hash) {
                p.history.push((theirs.id.clone(), hash.clone()));
            }
        };
        for h in &their_history {
            learn(h, p);
        }
        let Some(mine) = self.local.get(&(theirs.kind, theirs.id.clone())) else {
            if !theirs.is_deleted() {
                p.new.push(item);
            }
            p.decisions.push(Decision::Insert(theirs));
            return Ok(());
        };
        let my_hash = version_hash(mine);
        learn(&my_hash, p);
        if theirs.kind == RecordKind::Person
            && let Some(incoming_id) = self.alias_of_incoming.get(&theirs.id)
            && self.fresh_alias.contains(incoming_id)
        {
            p.same_people.push(SamePerson {
                incoming: incoming_id.clone(),
                local: mine.id.clone(),
                name: display_name(mine, fields),
                diffs: diffs(mine, &theirs, fields),
                mine: mine.clone(),
                theirs,
            });
            return Ok(());
        }
        if same_content(mine, &theirs) {
            p.unchanged += 1;
            return Ok(());
        }
        let their_hash = version_hash(&theirs);
        let fast_forward = their_history.contains(&my_hash);
        if !fast_forward && known.contains(&their_hash) {
            p.unchanged += 1; // theirs is older than ours
            return Ok(());
        }
        let blocked = self.blocked_delete(mine, &theirs)?;
        let sign_off = changes_sign_off(mine, &theirs, fields);
        if fast_forward && blocked.is_none() && !sign_off {
            if theirs.is_deleted() && !mine.is_deleted() {
                p.deleted.push(item);
            } else {
                p.changed.push(item);
            }
            p.decisions.push(Decision::Replace {
                old: mine.clone(),
                new: theirs,
            });
        } else {
            p.conflicts.push(Conflict {
                kind: theirs.kind,
                id: theirs.id.clone(),
                name: item.name,
                diffs: diffs(mine, &theirs, fields),
                mine: mine.clone(),
                theirs,
                theirs_blocked: blocked,
                mine_changed: Changed::default(),
                theirs_changed: Changed::default(),
            });
        }
        Ok(())
    }

    /// Their delete of a record that live records here (not deleted by the package
    /// too) still use cannot be taken: the first such record.
    fn blocked_delete(&self, mine: &RawRecord, theirs: &RawRecord) -> Result<Option<Item>, ExchangeError> {
        if !theirs.is_deleted() || mine.is_deleted() {
            return Ok(None);
        }
        Ok(self
            .store
            .live_referrers(theirs.kind, &theirs.id)?
            .into_iter()
            .find(|(k, id, _)| !self.deleted_in_package.contains(&(*k, id.clone())))
            .map(|(k, id, _)| Item {
                kind: k,
                name: self.local.get(&(k, id.clone())).map_or_else(
                    || id.chars().take(8).collect(),
                    |r| display_name(r, &self.columns[&k]),
                ),
                id,
            }))
    }
}

/// Mine with the named fields taken from theirs, as a new version made here.
fn merged(
    mine: &RawRecord,
    theirs: &RawRecord,
    fields: &[String],
    take: &[String],
    install_id: &str,
    now: &str,
) -> RawRecord {
    let mut out = mine.clone();
    for (i, f) in fields.iter().enumerate() {
        if take.contains(f) {
            out.fields[i] = theirs.fields[i].clone();
        }
    }
    out.rev = mine.rev.max(theirs.rev) + 1;
    out.changed_by = install_id.to_string();
    out.updated_at = now.to_string();
    out
}

/// What a merge writes, from the preview and the choices.
pub fn merge_write(
    preview: &Preview,
    resolution: &Resolution,
    install_id: &str,
) -> Result<MergeWrite, ExchangeError> {
    if resolution.conflicts.len() != preview.conflicts.len()
        || resolution.people.len() != preview.same_people.len()
    {
        return Err(ExchangeError::Unresolved {
            conflicts: preview.conflicts.len(),
        });
    }
    let now = crate::store::timestamp(chrono::Utc::now());
    let mut records = Vec::new();
    let mut history = preview.history.clone();
    let (mut mine_n, mut theirs_n, mut fields_n) = (0u64, 0u64, 0u64);
    let mut declined = Vec::new();
    // Theirs' values not taken, for the record's change history: `[theirs, kept]`.
    let mut decline = |c: &Conflict, taken: &[String]| {
        let changes: serde_json::Map<String, Value> = c
            .diffs
            .iter()
            .filter(|d| !taken.contains(&d.field))
            .map(|d| (d.field.clone(), serde_json::json!([d.theirs, d.mine])))
            .collect();
        if !changes.is_empty() {
            declined.push((c.kind, c.id.clone(), Value::Object(changes)));
        }
    };
    for d in &preview.decisions {
        records.push(match d {
            Decision::Insert(r) => RecordWrite {
                record: r.clone(),
                old: None,
            },
            Decision::Replace { old, new } => RecordWrite {
                record: new.clone(),
                old: Some(old.clone()),
            },
        });
    }
    for (c, choice) in preview.conflicts.iter().zip(&resolution.conflicts) {
        let fields = preview.fields(c.kind);
        match choice {
            Choice::Mine => {
                mine_n += 1;
                decline(c, &[]);
            }
            Choice::Theirs if c.theirs_blocked.is_none() => {
                theirs_n += 1;
                records.push(RecordWrite {
                    record: c.theirs.clone(),
                    old: Some(c.mine.clone()),
                });
            }
            Choice::Theirs => mine_n += 1,
            Choice::Both if c.both_allowed() => {
                mine_n += 1;
                theirs_n += 1;
                let copy = RawRecord {
                    id: uuid::Uuid::now_v7().hyphenated().to_string(),
                    created_at: now.clone(),
                    updated_at: now.clone(),
                    deleted_at: None,
                    rev: 1,
                    changed_by: install_id.to_string(),
                    ..c.theirs.clone()
                };
                history.push((copy.id.clone(), version_hash(&copy)));
                records.push(RecordWrite {
                    record: copy,
                    old: None,
                });
            }
            Choice::Both => mine_n += 1,
            Choice::Fields(take) => {
                fields_n += 1;
                decline(c, take);
                let m = merged(&c.mine, &c.theirs, fields, take, install_id, &now);
                if m.fields != c.mine.fields {
                    history.push((m.id.clone(), version_hash(&m)));
                    records.push(RecordWrite {
                        record: m,
                        old: Some(c.mine.clone()),
                    });
                }
            }
        }
    }
    for (pair, take) in preview.same_people.iter().zip(&resolution.people) {
        let fields = preview.fields(RecordKind::Person);
        let m = merged(&pair.mine, &pair.theirs, fields, take, install_id, &now);
        if m.fields != pair.mine.fields {
            history.push((m.id.clone(), version_hash(&m)));
            records.push(RecordWrite {
                record: m,
                old: Some(pair.mine.clone()),
            });
        }
    }
    let m = &preview.manifest;
    let summary = serde_json::json!({
        "package": m.package_id,
        "file": preview.file.display().to_string(),
        "source_install": m.source_install,
        "organisation": m.organisation.as_ref().map(|o| o.name.clone()),
        "new": preview.new.len(),
        "changed": preview.changed.len(),
        "deleted": preview.deleted.len(),
        "unchanged": preview.unchanged,
        "conflicts": preview.conflicts.len(),
        "kept_mine": mine_n,
        "took_theirs": theirs_n,
        "field_by_field": fields_n,
        "same_people": preview.same_people.len(),
        "sender": m.sender_name(),
        "operator": m.operator,
        "registers": register_counts(preview),
        "attachments": [preview.attachments.new.len(), preview.attachments.removed.len()],
    });
    Ok(MergeWrite {
        records,
        history,
        aliases: preview.aliases.clone(),
        submissions: preview.submissions.clone(),
        assessments: preview.assessments.clone(),
        attachments: preview.attachments.clone(),
        files: preview.files.clone(),
        declined,
        received: ReceivedPackage {
            package_id: m.package_id.clone(),
            source_install: m.source_install.clone(),
            created_at: m.created_at.clone(),
            imported_at: now,
            file_name: preview
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            summary: summary.clone(),
        },
        summary,
    })
}

/// A record made field by field (mine with some of theirs, any register) is a new version
/// made here: it must pass its register's rules as a record typed in would (an end
/// before its start, say, is refused naming the field), else nothing is written.
fn check_field_by_field(
    store: &Store,
    preview: &Preview,
    resolution: &Resolution,
    write: &MergeWrite,
) -> Result<(), ExchangeError> {
    let by_field: HashSet<&str> = preview
        .conflicts
        .iter()
        .zip(&resolution.conflicts)
        .filter(|(_, c)| matches!(c, Choice::Fields(_)))
        .map(|(c, _)| c.id.as_str())
        .collect();
    let people = HashMap::new();
    for w in &write.records {
        if !by_field.contains(w.record.id.as_str()) || w.record.is_deleted() {
            continue;
        }
        let fields = preview.fields(w.record.kind);
        match super::versions::validate(&w.record, fields, &people, store.today()) {
            Ok(verdict) if verdict.has_errors() => {
                return Err(crate::store::StoreError::Invalid(verdict).into());
            }
            Ok(_) => {}
            Err(e) => {
                return Err(crate::store::StoreError::Row(e).into());
            }
        }
    }
    Ok(())
}

/// Per register, how many records the package adds, changes and deletes here:
/// `{"person": [new, changed, deleted], …}`.
fn register_counts(p: &Preview) -> Value {
    let mut counts: std::collections::BTreeMap<&str, [usize; 3]> = std::collections::BTreeMap::new();
    for (i, list) in [&p.new, &p.changed, &p.deleted].into_iter().enumerate() {
        for item in list {
            counts.entry(item.kind.code()).or_default()[i] += 1;
        }
    }
    serde_json::json!(counts)
}

impl Preview {
    /// The package brings nothing to merge here: no record new, changed, deleted or in
    /// conflict, no person whose fields differ, no submitted return (it was imported
    /// before, or this database has it all).
    pub fn nothing_to_merge(&self) -> bool {
        self.new.is_empty()
            && self.changed.is_empty()
            && self.deleted.is_empty()
            && self.conflicts.is_empty()
            && self.same_people.iter().all(|s| s.diffs.is_empty())
            && self.submissions.is_empty()
            && self.assessments.is_empty()
            && self.attachments.is_empty()
    }
}

/// What an import did.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub written: usize,
    pub backup: Option<PathBuf>,
}

/// Applies the choices: a backup first (unless nothing would change), then one
/// transaction.
pub fn apply(
    store: &mut Store,
    preview: &Preview,
    resolution: &Resolution,
    progress: &dyn Progress,
) -> Result<Imported, ExchangeError> {
    if store.is_consolidation()? {
        return Err(crate::store::StoreError::IsConsolidation.into());
    }
    let write = merge_write(preview, resolution, store.install_id())?;
    check_field_by_field(store, preview, resolution, &write)?;
    // A package that brings nothing writes nothing (no backup, no entry in the audit
    // trail): versions learned alone change no record and are learned again from the
    // next package. (A conflict decided for mine writes no record either, but what was
    // decided must be kept, so it is not "nothing".)
    let bookkeeping_only = write.history.is_empty() && write.aliases.is_empty() || preview.nothing_to_merge();
    if write.records.is_empty()
        && write.submissions.is_empty()
        && write.assessments.is_empty()
        && write.attachments.is_empty()
        && bookkeeping_only
    {
        return Ok(Imported {
            written: 0,
            backup: None,
        });
    }
    let backup = store.backup(BackupReason::BeforeMerge, progress)?.map(|b| b.path);
    let mut write = write;
    // The received-packages history names who merged it and the backup taken before.
    for summary in [&mut write.summary, &mut write.received.summary] {
        if let Some(map) = summary.as_object_mut() {
            map.insert("merged_by".into(), Value::String(store.profile().to_string()));
            if let Some(b) = &backup {
                map.insert("backup".into(), Value::String(b.display().to_string()));
            }
        }
    }
    store.apply_merge(&write)?;
    Ok(Imported {
        written: write.records.len(),
        backup,
    })
}
