//! Statements whose text values SQLite reads in place. rusqlite binds every string with
//! `SQLITE_TRANSIENT`, so SQLite copies it (allocating) before the statement runs; the rows a batch appends
//! are in memory for the whole execution, so binding them with `SQLITE_STATIC` lets SQLite read them where
//! they are. The statements are prepared and run through SQLite's C interface, which rusqlite does not
//! expose for its own statements.

use rusqlite::Connection;
use rusqlite::ffi;
use std::collections::HashMap;
use std::ffi::{c_char, c_int};
use std::marker::PhantomData;
use std::ptr::NonNull;

/// A prepared statement, run with [`RawStatement::execute`]; finalized when dropped.
///
/// It should be dropped before its connection: a connection that still has statements does not close
/// (rusqlite's `sqlite3_close` fails and leaves it open), which keeps the statement's handle valid but
/// leaks the connection.
pub(crate) struct RawStatement {
    stmt: NonNull<ffi::sqlite3_stmt>,
    /// The number of parameters.
    parameters: c_int,
}

impl RawStatement {
    /// Prepares `sql` (one statement) on `conn`, to be kept and run many times.
    pub fn prepare(conn: &Connection, sql: &str) -> rusqlite::Result<RawStatement> {
        let length = c_int::try_from(sql.len()).map_err(|_| rusqlite::Error::InvalidQuery)?;
        // SAFETY: `conn.handle()` is the open connection's handle. `sql` is valid for `length` bytes;
        // SQLite writes the new statement, or null, to `stmt`.
        let db = unsafe { conn.handle() };
        let mut stmt = std::ptr::null_mut();
        let rc = unsafe {
            ffi::sqlite3_prepare_v3(
                db,
                sql.as_ptr().cast::<c_char>(),
                length,
                ffi::SQLITE_PREPARE_PERSISTENT,
                &mut stmt,
                std::ptr::null_mut(),
            )
        };
        check(db, rc)?;
        let stmt = NonNull::new(stmt).ok_or(rusqlite::Error::InvalidQuery)?;
        // SAFETY: `stmt` is the live statement just prepared.
        let parameters = unsafe { ffi::sqlite3_bind_parameter_count(stmt.as_ptr()) };
        Ok(RawStatement { stmt, parameters })
    }

    /// Runs the statement once with the values `bind` gives its parameters, in order: every parameter
    /// must be given one (else nothing runs). Text is read in place: the values are borrowed for `'v`,
    /// beyond the call, and the next run binds every parameter afresh before the statement reads any.
    pub fn execute<'v>(
        &mut self,
        bind: impl FnOnce(&mut Params<'v>) -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        let stmt = self.stmt.as_ptr();
        let mut params = Params {
            stmt,
            bound: 0,
            _values: PhantomData,
        };
        bind(&mut params)?;
        if params.bound != self.parameters {
            return Err(rusqlite::Error::InvalidParameterCount(
                params.bound as usize,
                self.parameters as usize,
            ));
        }
        // SAFETY: `stmt` is a live statement; every parameter was bound in this call, to values that live
        // for 'v, so stepping reads no value of an earlier run.
        let rc = unsafe { ffi::sqlite3_step(stmt) };
        let reset = unsafe { ffi::sqlite3_reset(stmt) };
        match rc {
            ffi::SQLITE_DONE => check(self.db(), reset),
            ffi::SQLITE_ROW => Err(rusqlite::Error::ExecuteReturnedResults),
            rc => check(self.db(), rc),
        }
    }

    /// The statement's connection.
    fn db(&self) -> *mut ffi::sqlite3 {
        // SAFETY: the statement is live.
        unsafe { ffi::sqlite3_db_handle(self.stmt.as_ptr()) }
    }
}

impl Drop for RawStatement {
    fn drop(&mut self) {
        // SAFETY: the statement is live (its connection cannot close before it) and is not used after this.
        unsafe { ffi::sqlite3_finalize(self.stmt.as_ptr()) };
    }
}

/// Statements kept from one transaction to the next, by their SQL. It belongs next to its connection (in
/// the [`crate::Store`]) and moves between threads only with it.
#[derive(Default)]
pub(crate) struct StatementCache {
    statements: HashMap<String, RawStatement>,
}

// SAFETY: SQLite (built thread-safe) lets a connection and its statements be used from any thread, one
// thread at a time; the cache moves with its connection inside the store, which one thread uses at a time
// (the store is not `Sync`).
unsafe impl Send for StatementCache {}

impl StatementCache {
    /// The statement for `sql` on `conn`, prepared at its first use.
    pub fn get(&mut self, conn: &Connection, sql: String) -> rusqlite::Result<&mut RawStatement> {
        use std::collections::hash_map::Entry;
        Ok(match self.statements.entry(sql) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(new) => {
                let statement = RawStatement::prepare(conn, new.key())?;
                new.insert(statement)
            }
        })
    }
}

/// The parameters of a statement being run ([`RawStatement::execute`]), bound in order: what is bound
/// must live for `'v`, which outlasts the run.
pub(crate) struct Params<'v> {
    stmt: *mut ffi::sqlite3_stmt,
    /// Parameters bound so far.
    bound: c_int,
    _values: PhantomData<&'v ()>,
}

impl<'v> Params<'v> {
    /// Binds `value` to the next parameter.
    #[inline]
    pub fn push<T: Bind + 'v>(&mut self, value: T) -> rusqlite::Result<()> {
        self.bound += 1;
        // SAFETY: the statement is live; text is a borrow that lives for 'v (see `Bind`), beyond the run.
        let rc = unsafe { value.bind_to(self.stmt, self.bound) };
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            // SAFETY: the statement is live.
            check(unsafe { ffi::sqlite3_db_handle(self.stmt) }, rc)
        }
    }
}

/// A value SQLite can be given as a parameter: numbers, and text as a borrowed `&str` or `&String` (never
/// an owned string, which would be gone before the statement reads it), or an `Option` of either (null).
pub(crate) trait Bind {
    /// Binds the value to parameter `index` of `stmt` and returns SQLite's result code.
    ///
    /// # Safety
    /// `stmt` must be a live statement, and borrowed text must stay where it is while the statement may
    /// read it (it is bound in place).
    unsafe fn bind_to(self, stmt: *mut ffi::sqlite3_stmt, index: c_int) -> c_int;
}

impl Bind for &str {
    #[inline]
    unsafe fn bind_to(self, stmt: *mut ffi::sqlite3_stmt, index: c_int) -> c_int {
        // An empty string's pointer may dangle: SQLite is given a real one (and reads no byte of it).
        let text = if self.is_empty() {
            c"".as_ptr()
        } else {
            self.as_ptr().cast::<c_char>()
        };
        // SAFETY: the caller keeps the text in place; SQLite reads `len` bytes of it.
        unsafe {
            ffi::sqlite3_bind_text64(
                stmt,
                index,
                text,
                self.len() as ffi::sqlite3_uint64,
                ffi::SQLITE_STATIC(),
                ffi::SQLITE_UTF8 as u8,
            )
        }
    }
}

impl Bind for &String {
    #[inline]
    unsafe fn bind_to(self, stmt: *mut ffi::sqlite3_stmt, index: c_int) -> c_int {
        // SAFETY: as for `&str`.
        unsafe { self.as_str().bind_to(stmt, index) }
    }
}

impl<T: Bind> Bind for Option<T> {
    #[inline]
    unsafe fn bind_to(self, stmt: *mut ffi::sqlite3_stmt, index: c_int) -> c_int {
        match self {
            // SAFETY: as for `T`.
            Some(value) => unsafe { value.bind_to(stmt, index) },
            // SAFETY: the statement is live.
            None => unsafe { ffi::sqlite3_bind_null(stmt, index) },
        }
    }
}

impl Bind for f64 {
    #[inline]
    unsafe fn bind_to(self, stmt: *mut ffi::sqlite3_stmt, index: c_int) -> c_int {
        // SAFETY: the statement is live.
        unsafe { ffi::sqlite3_bind_double(stmt, index, self) }
    }
}

/// Integers, bound as SQLite's 64-bit integers.
macro_rules! bind_integer {
    ($($t:ty),*) => {$(
        impl Bind for $t {
            #[inline]
            unsafe fn bind_to(self, stmt: *mut ffi::sqlite3_stmt, index: c_int) -> c_int {
                // SAFETY: the statement is live.
                unsafe { ffi::sqlite3_bind_int64(stmt, index, i64::from(self)) }
            }
        }
    )*};
}

bind_integer!(i64, u32, u8, bool);

/// `Ok` for `SQLITE_OK`, else the connection's error.
fn check(db: *mut ffi::sqlite3, rc: c_int) -> rusqlite::Result<()> {
    if rc == ffi::SQLITE_OK {
        return Ok(());
    }
    // SAFETY: `db` is an open connection's handle; SQLite's message is valid until its next call.
    let message = unsafe {
        let text = ffi::sqlite3_errmsg(db);
        (!text.is_null()).then(|| {
            std::ffi::CStr::from_ptr(text)
                .to_string_lossy()
                .into_owned()
        })
    };
    Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), message))
}
