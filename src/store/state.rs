//! The reader's state in the data dir (`state.json`): which articles were read, which are
//! starred, and where the reader was (filter, selected article, scroll) in each corpus: the
//! default one, and each set of `--pages` folders by their canonical paths. Keyed by stable
//! article ids, so it survives re-parsing and new pages; ids of pages no longer loaded are kept.
//!
//! Every change carries the time it was made. Saving takes an advisory lock (`state.lock`),
//! reads the file again, keeps the later change of each mark, and replaces the file
//! atomically: two readers open at once lose nothing. A corrupt file is moved aside with a
//! warning; a data dir that cannot be written leaves the reader working without saving; a file
//! written by a newer version is read but never written over (that would drop its new fields).

use crate::model::{Corpus, View};
use crate::store::{now_ms, write_atomic};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The state file's name in the data dir.
pub const STATE_FILE: &str = "state.json";
/// The lock file's name in the data dir.
pub const LOCK_FILE: &str = "state.lock";
/// 2: where the reader was in each `--pages` corpus (`places`), beside the default's `last`.
const VERSION: u32 = 2;

/// One article's marks, each with the time (ms since the epoch) it was last set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    #[serde(default)]
    pub read: bool,
    #[serde(default)]
    pub read_at: u64,
    #[serde(default)]
    pub starred: bool,
    #[serde(default)]
    pub starred_at: u64,
}

/// Where the reader was when it last saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// What the article list showed.
    #[serde(default)]
    pub view: View,
    /// The selected article's id.
    #[serde(default)]
    pub selected: Option<String>,
    /// The first line of the article shown in the reader pane.
    #[serde(default)]
    pub scroll: usize,
    /// Where that line starts in the article (block, character), the same at every width:
    /// the position is found again when the next start has another terminal size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<(usize, usize)>,
    /// The pane that had the focus (`sidebar`, `list`, `reader`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// When this position was set (ms since the epoch).
    #[serde(default)]
    pub at: u64,
}

/// Everything `state.json` holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub version: u32,
    /// Marks by article id.
    #[serde(default)]
    pub articles: BTreeMap<String, Marks>,
    /// Where the reader was in the default corpus.
    #[serde(default)]
    pub last: Option<Position>,
    /// Where the reader was in each other corpus, by its key ([`StateStore::for_corpus`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub places: BTreeMap<String, Position>,
}

impl State {
    /// Merges two states: for each article, the later change of each mark wins; the later
    /// position wins. On a tie, `self` wins.
    #[must_use]
    pub fn merge(mut self, other: &State) -> State {
        for (id, theirs) in &other.articles {
            let mine = self.articles.entry(id.clone()).or_default();
            if theirs.read_at > mine.read_at {
                mine.read = theirs.read;
                mine.read_at = theirs.read_at;
            }
            if theirs.starred_at > mine.starred_at {
                mine.starred = theirs.starred;
                mine.starred_at = theirs.starred_at;
            }
        }
        if let Some(theirs) = &other.last {
            if self.last.as_ref().is_none_or(|mine| theirs.at > mine.at) {
                self.last = Some(theirs.clone());
            }
        }
        for (key, theirs) in &other.places {
            let later = self.places.get(key).is_none_or(|mine| theirs.at > mine.at);
            if later {
                self.places.insert(key.clone(), theirs.clone());
            }
        }
        self.version = VERSION;
        self
    }
}

/// Why the state could not be read or saved. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("{}: cannot write: {source}; reading state will not be saved", path.display())]
    Unwritable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot read: {source}; reading state will not be saved", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot lock: {source}", path.display())]
    Lock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: written by a newer gongbao (state version {version}; this one knows {VERSION}); reading state will not be saved, so that nothing in it is lost", path.display())]
    Newer { path: PathBuf, version: u32 },
    #[error("cannot encode the reading state: {0}")]
    Encode(#[from] serde_json::Error),
}

/// The reading state of one reader: what was loaded, the changes made since, and whether it
/// can be saved.
#[derive(Debug)]
pub struct StateStore {
    dir: PathBuf,
    state: State,
    dirty: bool,
    /// Why saving is off, if it is.
    read_only: Option<String>,
    warnings: Vec<String>,
    /// Which corpus's place this reader keeps: `None` for the default corpus.
    corpus: Option<String>,
}

impl StateStore {
    /// Keeps the place of the corpus named `key` (`None`: the default corpus, the state's
    /// `last`): a reader on other pages opens where it was on them, or at the start, never
    /// in a view of another corpus.
    #[must_use]
    pub fn for_corpus(mut self, key: Option<String>) -> StateStore {
        self.corpus = key;
        self
    }

    fn put_place(&mut self, place: Position) {
        match &self.corpus {
            None => self.state.last = Some(place),
            Some(key) => {
                self.state.places.insert(key.clone(), place);
            }
        }
        self.dirty = true;
    }

    /// Reads the state from `data_dir` (missing: a fresh state). Never fails: a corrupt file is
    /// moved aside with a warning; an unreadable one turns saving off with a warning. Creates
    /// nothing unless a corrupt file has to be moved aside.
    #[must_use]
    pub fn open(data_dir: &Path) -> StateStore {
        let mut store = StateStore {
            dir: data_dir.to_path_buf(),
            state: State::default(),
            dirty: false,
            read_only: None,
            warnings: Vec::new(),
            corpus: None,
        };
        match read_state(&store.path()) {
            Ok(Read::Missing) => {}
            Ok(Read::State(s)) if s.version > VERSION => {
                // Its marks are read as far as this version knows them; the file is never
                // written over, since that would drop what a newer version keeps in it.
                let e = StateError::Newer {
                    path: store.path(),
                    version: s.version,
                };
                tracing::warn!("{e}");
                store.read_only = Some(e.to_string());
                store.warnings.push(e.to_string());
                store.state = s;
            }
            Ok(Read::State(s)) => store.state = s,
            Ok(Read::Corrupt(why)) => {
                let msg = store.set_aside(&why);
                if !msg.is_empty() {
                    store.warnings.push(msg);
                }
            }
            Err(e) => {
                tracing::warn!("{e}");
                store.read_only = Some(e.to_string());
                store.warnings.push(e.to_string());
            }
        }
        store
    }

    /// A store that never reads nor writes a file (for tests and `--pages` sessions).
    #[must_use]
    pub fn in_memory() -> StateStore {
        StateStore {
            dir: PathBuf::new(),
            state: State::default(),
            dirty: false,
            read_only: Some("reading state is not saved in this session".to_string()),
            warnings: Vec::new(),
            corpus: None,
        }
    }

    /// Checks that the data dir can be written (creating it if need be). On failure saving
    /// is turned off and the message to show the user is returned ("... will not be saved").
    pub fn check_writable(&mut self) -> Result<(), String> {
        if let Some(why) = &self.read_only {
            return Err(why.clone());
        }
        let probe = std::fs::create_dir_all(&self.dir).and_then(|()| {
            tempfile::Builder::new()
                .prefix(".gongbao-probe-")
                .tempfile_in(&self.dir)
                .map(drop)
        });
        match probe {
            Ok(()) => Ok(()),
            Err(source) => {
                let e = StateError::Unwritable {
                    path: self.dir.clone(),
                    source,
                };
                tracing::warn!("{e}");
                self.read_only = Some(e.to_string());
                Err(e.to_string())
            }
        }
    }

    /// The state file's path.
    #[must_use]
    pub fn path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// What went wrong while reading the state (to show once at start).
    #[must_use]
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Why the state will not be saved, if it will not.
    #[must_use]
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// The state as it stands in this reader.
    #[must_use]
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Whether there are changes not yet saved.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    #[must_use]
    pub fn is_read(&self, id: &str) -> bool {
        self.state.articles.get(id).is_some_and(|m| m.read)
    }

    #[must_use]
    pub fn is_starred(&self, id: &str) -> bool {
        self.state.articles.get(id).is_some_and(|m| m.starred)
    }

    /// Marks an article read or unread. Returns whether anything changed.
    pub fn set_read(&mut self, id: &str, read: bool) -> bool {
        if self.is_read(id) == read {
            return false;
        }
        let m = self.state.articles.entry(id.to_string()).or_default();
        m.read = read;
        m.read_at = next_stamp(m.read_at);
        self.dirty = true;
        true
    }

    /// Stars or unstars an article. Returns whether anything changed.
    pub fn set_starred(&mut self, id: &str, starred: bool) -> bool {
        if self.is_starred(id) == starred {
            return false;
        }
        let m = self.state.articles.entry(id.to_string()).or_default();
        m.starred = starred;
        m.starred_at = next_stamp(m.starred_at);
        self.dirty = true;
        true
    }

    /// Flips an article's read mark (the reader's `u`). Returns the new value.
    pub fn toggle_read(&mut self, id: &str) -> bool {
        let read = !self.is_read(id);
        self.set_read(id, read);
        read
    }

    /// Flips an article's star (the reader's `s`). Returns the new value.
    pub fn toggle_starred(&mut self, id: &str) -> bool {
        let starred = !self.is_starred(id);
        self.set_starred(id, starred);
        starred
    }

    /// Where the reader was when it last saved.
    #[must_use]
    pub fn last_position(&self) -> Option<&Position> {
        match &self.corpus {
            None => self.state.last.as_ref(),
            Some(key) => self.state.places.get(key),
        }
    }

    /// Records where the reader is (saved with the next [`StateStore::save`]).
    pub fn set_position(
        &mut self,
        view: View,
        selected: Option<String>,
        scroll: usize,
        anchor: Option<(usize, usize)>,
    ) {
        let last = self.last_position();
        let same = last.is_some_and(|p| {
            p.view == view && p.selected == selected && p.scroll == scroll && p.anchor == anchor
        });
        if same {
            return;
        }
        let at = next_stamp(last.map_or(0, |p| p.at));
        let focus = last.and_then(|p| p.focus.clone());
        self.put_place(Position {
            view,
            selected,
            scroll,
            anchor,
            focus,
            at,
        });
    }

    /// Records which pane had the focus in the last position (one is made if there is none).
    pub fn set_focus(&mut self, pane: &str) {
        let mut place = self.last_position().cloned().unwrap_or_default();
        if place.focus.as_deref() != Some(pane) {
            place.focus = Some(pane.to_string());
            self.put_place(place);
        }
    }

    /// Indexes of the articles a view selects, in corpus order.
    #[must_use]
    pub fn view(&self, corpus: &Corpus, view: &View) -> Vec<usize> {
        match view {
            View::Unread => self.unread(corpus),
            View::Starred => self.starred(corpus),
            v => corpus.filter(v),
        }
    }

    /// Indexes of the corpus's unread articles.
    #[must_use]
    pub fn unread(&self, corpus: &Corpus) -> Vec<usize> {
        corpus
            .heads()
            .enumerate()
            .filter(|(_, h)| !self.is_read(h.id()))
            .map(|(i, _)| i)
            .collect()
    }

    /// Indexes of the corpus's starred articles.
    #[must_use]
    pub fn starred(&self, corpus: &Corpus) -> Vec<usize> {
        corpus
            .heads()
            .enumerate()
            .filter(|(_, h)| self.is_starred(h.id()))
            .map(|(i, _)| i)
            .collect()
    }

    /// Saves the changes: under the lock, reads the file again, merges (the later change of
    /// each mark wins) and replaces the file atomically. Does nothing without changes.
    ///
    /// # Errors
    /// When saving is off or the data dir cannot be written; the changes stay in memory.
    pub fn save(&mut self) -> Result<(), StateError> {
        if !self.dirty {
            return Ok(());
        }
        if let Some(why) = &self.read_only {
            return Err(StateError::Unwritable {
                path: self.path(),
                source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, why.clone()),
            });
        }
        let unwritable = |source| StateError::Unwritable {
            path: self.dir.clone(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(unwritable)?;
        let _lock = self.lock()?;
        let on_disk = match read_state(&self.path())? {
            Read::Missing => State::default(),
            Read::State(s) if s.version > VERSION => {
                // A newer gongbao wrote it since this one started.
                let e = StateError::Newer {
                    path: self.path(),
                    version: s.version,
                };
                self.read_only = Some(e.to_string());
                return Err(e);
            }
            Read::State(s) => s,
            Read::Corrupt(why) => {
                let msg = self.set_aside_locked(&why);
                self.warnings.push(msg);
                State::default()
            }
        };
        let merged = std::mem::take(&mut self.state).merge(&on_disk);
        let json = serde_json::to_vec_pretty(&merged);
        self.state = merged;
        let mut json = json?;
        json.push(b'\n');
        write_atomic(&self.path(), &json).map_err(|source| StateError::Unwritable {
            path: self.path(),
            source,
        })?;
        self.dirty = false;
        tracing::debug!("saved {}", self.path().display());
        Ok(())
    }

    /// Takes the advisory lock on `state.lock`, held until the returned file is dropped.
    fn lock(&self) -> Result<File, StateError> {
        let path = self.dir.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| StateError::Unwritable {
                path: path.clone(),
                source,
            })?;
        file.lock()
            .map_err(|source| StateError::Lock { path, source })?;
        Ok(file)
    }

    /// Moves a corrupt state file aside (under the lock if it can be taken).
    fn set_aside(&mut self, why: &str) -> String {
        match self.lock() {
            Ok(_lock) => match read_state(&self.path()) {
                // Another reader replaced it meanwhile: take the good one.
                Ok(Read::State(s)) => {
                    self.state = s;
                    String::new()
                }
                _ => self.set_aside_locked(why),
            },
            Err(_) => self.set_aside_locked(why),
        }
        .trim()
        .to_string()
    }

    fn set_aside_locked(&mut self, why: &str) -> String {
        let path = self.path();
        let aside = self.dir.join(format!("{STATE_FILE}.corrupt-{}", now_ms()));
        let msg = match std::fs::rename(&path, &aside) {
            Ok(()) => format!(
                "{}: corrupt ({why}); moved aside to {}; starting with a fresh reading state",
                path.display(),
                aside.display()
            ),
            Err(e) => {
                self.read_only = Some(format!(
                    "{}: corrupt and cannot be moved aside ({e}); reading state will not be saved",
                    path.display()
                ));
                format!(
                    "{}: corrupt ({why}) and cannot be moved aside ({e}); starting with a fresh reading state that will not be saved",
                    path.display()
                )
            }
        };
        tracing::warn!("{msg}");
        msg
    }
}

/// A stamp after `prev` and no earlier than now, so changes made in the same millisecond
/// still order.
fn next_stamp(prev: u64) -> u64 {
    now_ms().max(prev.saturating_add(1))
}

enum Read {
    Missing,
    State(State),
    Corrupt(String),
}

fn read_state(path: &Path) -> Result<Read, StateError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Read::Missing),
        Err(source) => {
            return Err(StateError::Unreadable {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    match serde_json::from_slice::<State>(&bytes) {
        Ok(s) => Ok(Read::State(s)),
        Err(e) => Ok(Read::Corrupt(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_the_later_change_of_each_mark() {
        let mut a = State::default();
        a.articles.insert(
            "x".into(),
            Marks {
                read: true,
                read_at: 10,
                starred: false,
                starred_at: 30,
            },
        );
        let mut b = State::default();
        b.articles.insert(
            "x".into(),
            Marks {
                read: false,
                read_at: 20,
                starred: true,
                starred_at: 5,
            },
        );
        b.articles.insert("y".into(), Marks::default());
        let m = a.merge(&b);
        let x = m.articles["x"];
        assert!(!x.read, "b unread it later");
        assert!(!x.starred, "a unstarred it later");
        assert!(m.articles.contains_key("y"));
    }

    /// Each corpus keeps its own place: a reader on a `--pages` folder opens at the start,
    /// not in the default corpus's city, and both places survive a save by either.
    #[test]
    fn each_corpus_keeps_its_own_place() {
        let dir = tempfile::tempdir().unwrap();
        let city = View::City {
            city: "江门市".into(),
        };
        let mut default = StateStore::open(dir.path());
        default.set_position(city.clone(), Some("a".into()), 3, None);
        default.save().unwrap();
        let mut pages = StateStore::open(dir.path()).for_corpus(Some("/tmp/lib".into()));
        assert_eq!(pages.last_position(), None, "a new corpus has no place yet");
        pages.set_position(View::All, Some("b".into()), 0, None);
        pages.set_focus("reader");
        pages.save().unwrap();
        let default = StateStore::open(dir.path());
        let p = default.last_position().unwrap();
        assert_eq!((&p.view, p.selected.as_deref()), (&city, Some("a")));
        assert_eq!(p.focus, None);
        let pages = StateStore::open(dir.path()).for_corpus(Some("/tmp/lib".into()));
        let p = pages.last_position().unwrap();
        assert_eq!((&p.view, p.selected.as_deref()), (&View::All, Some("b")));
        assert_eq!(p.focus.as_deref(), Some("reader"));
        let other = StateStore::open(dir.path()).for_corpus(Some("/tmp/other".into()));
        assert_eq!(other.last_position(), None);
    }

    #[test]
    fn views_are_saved_by_kind() {
        let v = View::Union {
            city: "江门市".into(),
            union: "台山市总工会".into(),
        };
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"union","city":"江门市","union":"台山市总工会"}"#
        );
        assert_eq!(serde_json::from_str::<View>(&json).unwrap(), v);
        assert_eq!(
            serde_json::to_string(&View::Starred).unwrap(),
            r#"{"kind":"starred"}"#
        );
    }
}
