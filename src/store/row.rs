//! The bridge between record structs and table rows.
//!
//! A record's fields are the table's columns, by name and in order. [`to_columns`] turns a
//! record into `(column, value)` pairs; [`from_row`] reads one back. Booleans are stored
//! as 0/1, dates as `YYYY-MM-DD` text, ids as hyphenated UUID text, list values as their
//! storage code, money as integer fen. Nested structures are not allowed: a list belongs
//! in a table of its own.

use std::fmt::Display;

use rusqlite::types::{Value, ValueRef};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::ser::{self, Impossible, Serialize};

/// Why a record could not be turned into a row or back.
#[derive(Debug, thiserror::Error)]
pub enum RowError {
    #[error("{0}")]
    Message(String),
    #[error("column {column}: {message}")]
    Column { column: String, message: String },
}

impl ser::Error for RowError {
    fn custom<T: Display>(msg: T) -> Self {
        RowError::Message(msg.to_string())
    }
}
impl de::Error for RowError {
    fn custom<T: Display>(msg: T) -> Self {
        RowError::Message(msg.to_string())
    }
}

/// The record's fields as `(column, value)` pairs, in declaration order.
pub fn to_columns<T: Serialize>(record: &T) -> Result<Vec<(&'static str, Value)>, RowError> {
    let mut out = Vec::with_capacity(16);
    record.serialize(StructSer { out: &mut out })?;
    Ok(out)
}

struct StructSer<'a> {
    out: &'a mut Vec<(&'static str, Value)>,
}

macro_rules! not_a_struct {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> {
            Err(RowError::Message("a record must be a struct".into()))
        })*
    };
}

impl<'a> ser::Serializer for StructSer<'a> {
    type Ok = ();
    type Error = RowError;
    type SerializeSeq = Impossible<(), RowError>;
    type SerializeTuple = Impossible<(), RowError>;
    type SerializeTupleStruct = Impossible<(), RowError>;
    type SerializeTupleVariant = Impossible<(), RowError>;
    type SerializeMap = Impossible<(), RowError>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), RowError>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, RowError> {
        Ok(self)
    }

    not_a_struct!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), RowError> {
        Err(RowError::Message("a record must be a struct".into()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Result<(), RowError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), RowError> {
        Err(RowError::Message("a record must be a struct".into()))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, RowError> {
        Err(RowError::Message("a record must be a struct".into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, RowError> {
        Err(RowError::Message("a record must be a struct".into()))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, RowError> {
        Err(RowError::Message("a record must be a struct".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, RowError> {
        Err(RowError::Message("a record must be a struct".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, RowError> {
        Err(RowError::Message("a record must be a struct".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, RowError> {
        Err(RowError::Message("a record must be a struct".into()))
    }
}

impl<'a> ser::SerializeStruct for StructSer<'a> {
    type Ok = ();
    type Error = RowError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), RowError> {
        let v = value.serialize(ValueSer).map_err(|e| RowError::Column {
            column: key.to_string(),
            message: e.to_string(),
        })?;
        self.out.push((key, v));
        Ok(())
    }

    fn end(self) -> Result<(), RowError> {
        Ok(())
    }
}

/// Serialises one field's value into an SQL value.
struct ValueSer;

fn nested() -> RowError {
    RowError::Message("nested structures are not stored in a column".into())
}

impl ser::Serializer for ValueSer {
    type Ok = Value;
    type Error = RowError;
    type SerializeSeq = Impossible<Value, RowError>;
    type SerializeTuple = Impossible<Value, RowError>;
    type SerializeTupleStruct = Impossible<Value, RowError>;
    type SerializeTupleVariant = Impossible<Value, RowError>;
    type SerializeMap = Impossible<Value, RowError>;
    type SerializeStruct = Impossible<Value, RowError>;
    type SerializeStructVariant = Impossible<Value, RowError>;

    fn serialize_bool(self, v: bool) -> Result<Value, RowError> {
        Ok(Value::Integer(v as i64))
    }
    fn serialize_i8(self, v: i8) -> Result<Value, RowError> {
        Ok(Value::Integer(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Value, RowError> {
        Ok(Value::Integer(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Value, RowError> {
        Ok(Value::Integer(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Value, RowError> {
        Ok(Value::Integer(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Value, RowError> {
        Ok(Value::Integer(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Value, RowError> {
        Ok(Value::Integer(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Value, RowError> {
        Ok(Value::Integer(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Value, RowError> {
        i64::try_from(v)
            .map(Value::Integer)
            .map_err(|_| RowError::Message(format!("{v} is too large to store")))
    }
    fn serialize_f32(self, v: f32) -> Result<Value, RowError> {
        Ok(Value::Real(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<Value, RowError> {
        Ok(Value::Real(v))
    }
    fn serialize_char(self, v: char) -> Result<Value, RowError> {
        Ok(Value::Text(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value, RowError> {
        Ok(Value::Text(v.to_string()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, RowError> {
        Ok(Value::Blob(v.to_vec()))
    }
    fn serialize_none(self) -> Result<Value, RowError> {
        Ok(Value::Null)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<Value, RowError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, RowError> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Value, RowError> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Value, RowError> {
        Ok(Value::Text(variant.to_string()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Value, RowError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Value, RowError> {
        Err(nested())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, RowError> {
        Err(nested())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, RowError> {
        Err(nested())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, RowError> {
        Err(nested())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, RowError> {
        Err(nested())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, RowError> {
        Err(nested())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, RowError> {
        Err(nested())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, RowError> {
        Err(nested())
    }
    fn collect_str<T: ?Sized + Display>(self, v: &T) -> Result<Value, RowError> {
        Ok(Value::Text(v.to_string()))
    }
}

/// Reads a record from a row whose columns are named like the record's fields.
pub fn from_row<T: de::DeserializeOwned>(row: &impl ByName) -> Result<T, RowError> {
    T::deserialize(RecordDe { source: &Named(row) })
}

/// Reads a record from `(column, value)` pairs named like the record's fields (records
/// arriving in a data package). A field whose column is missing reads as NULL.
fn from_values<T: de::DeserializeOwned>(columns: &[(String, Value)]) -> Result<T, RowError> {
    T::deserialize(RecordDe { source: columns })
}

/// A row whose values are found by column name.
pub trait ByName {
    /// The row itself.
    fn row(&self) -> &rusqlite::Row<'_>;
    /// The index of the column named `name`.
    fn index(&self, name: &str) -> rusqlite::Result<usize>;
    /// The value of the column named `name`.
    fn value(&self, name: &str) -> rusqlite::Result<ValueRef<'_>> {
        self.row().get_ref(self.index(name)?)
    }
    /// The value of the column named `name` as a `T` (rusqlite's own errors).
    fn get<T: rusqlite::types::FromSql>(&self, name: &str) -> rusqlite::Result<T> {
        self.row().get(self.index(name)?)
    }
}

impl ByName for rusqlite::Row<'_> {
    fn row(&self) -> &rusqlite::Row<'_> {
        self
    }
    fn index(&self, name: &str) -> rusqlite::Result<usize> {
        self.as_ref().column_index(name)
    }
}

/// A statement's column names, taken once for all its rows: SQLite's own lookup by name
/// asks SQLite for every column's name at every value (a tenth of a year's reading went
/// to it).
pub struct ColumnNames(Vec<String>);

impl ColumnNames {
    pub fn of(stmt: &rusqlite::Statement<'_>) -> ColumnNames {
        ColumnNames(stmt.column_names().map(String::from).collect())
    }
}

/// A row with its statement's [`ColumnNames`]: a column is found in the names taken once
/// (a record's fields are its columns in order, so the search starts after the last one
/// found), and by SQLite's own lookup only for a name not there as spelt.
pub struct NamedRow<'a, 's> {
    row: &'a rusqlite::Row<'s>,
    names: &'a ColumnNames,
    next: std::cell::Cell<usize>,
}

impl<'a, 's> NamedRow<'a, 's> {
    pub fn new(row: &'a rusqlite::Row<'s>, names: &'a ColumnNames) -> NamedRow<'a, 's> {
        NamedRow {
            row,
            names,
            next: std::cell::Cell::new(0),
        }
    }
}

impl ByName for NamedRow<'_, '_> {
    fn row(&self) -> &rusqlite::Row<'_> {
        self.row
    }
    fn index(&self, name: &str) -> rusqlite::Result<usize> {
        let names = &self.names.0;
        let start = self.next.get().min(names.len());
        let found = names[start..]
            .iter()
            .position(|n| n == name)
            .map(|i| start + i)
            .or_else(|| names[..start].iter().position(|n| n == name));
        match found {
            Some(i) => {
                self.next.set(i + 1);
                Ok(i)
            }
            None => self.row.index(name),
        }
    }
}

/// Where a record's column values come from: a table row, or a package's values.
trait Columns {
    fn column(&self, name: &str) -> Result<ValueRef<'_>, RowError>;
}

/// A row read by column name, as a record's source.
struct Named<'a, B: ?Sized>(&'a B);

impl<B: ByName + ?Sized> Columns for Named<'_, B> {
    fn column(&self, name: &str) -> Result<ValueRef<'_>, RowError> {
        self.0.value(name).map_err(|e| RowError::Column {
            column: name.to_string(),
            message: e.to_string(),
        })
    }
}

impl Columns for [(String, Value)] {
    fn column(&self, name: &str) -> Result<ValueRef<'_>, RowError> {
        Ok(self
            .iter()
            .find(|(c, _)| c == name)
            .map_or(ValueRef::Null, |(_, v)| ValueRef::from(v)))
    }
}

struct RecordDe<'a, C: ?Sized> {
    source: &'a C,
}

impl<'de, 'a, C: Columns + ?Sized> de::Deserializer<'de> for RecordDe<'a, C> {
    type Error = RowError;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, RowError> {
        visitor.visit_map(Fields {
            source: self.source,
            fields,
            next: 0,
        })
    }

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, RowError> {
        Err(RowError::Message("a record must be a struct".into()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

struct Fields<'a, C: ?Sized> {
    source: &'a C,
    fields: &'static [&'static str],
    next: usize,
}

impl<'de, 'a, C: Columns + ?Sized> MapAccess<'de> for Fields<'a, C> {
    type Error = RowError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, RowError> {
        match self.fields.get(self.next) {
            Some(name) => seed.deserialize((*name).into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, RowError> {
        let column = self.fields[self.next];
        self.next += 1;
        let value = self.source.column(column)?;
        seed.deserialize(ValueDe { value }).map_err(|e| RowError::Column {
            column: column.to_string(),
            message: e.to_string(),
        })
    }
}

/// A column's value as JSON (how data packages carry it): integers and reals stay apart.
pub fn value_to_json(v: ValueRef<'_>) -> serde_json::Value {
    match v {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(r) => serde_json::Number::from_f64(r).map_or(serde_json::Value::Null, Into::into),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => serde_json::Value::Array(b.iter().map(|x| (*x).into()).collect()),
    }
}

/// A stored value as text, as a message about it shows it (`NULL` for none).
pub fn value_text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
    }
}

/// A JSON value back as a column's value; `None` for what no column holds (an object, a
/// list): a package that carries one is damaged.
pub fn json_to_value(v: &serde_json::Value) -> Option<Value> {
    Some(match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(*b as i64),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64()?),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        _ => return None,
    })
}

/// Reads a record from field columns carried as JSON (a data package's rows).
pub fn from_json_columns<T: de::DeserializeOwned>(
    columns: &[String],
    values: &[serde_json::Value],
) -> Result<T, RowError> {
    let mut pairs = Vec::with_capacity(columns.len());
    for (c, v) in columns.iter().zip(values) {
        let value = json_to_value(v).ok_or_else(|| RowError::Column {
            column: c.clone(),
            message: "not a column value".into(),
        })?;
        pairs.push((c.clone(), value));
    }
    from_values(&pairs)
}

/// Reads one column's value as whatever the field's type asks for.
struct ValueDe<'a> {
    value: ValueRef<'a>,
}

impl<'a> ValueDe<'a> {
    fn text(&self) -> Result<&'a str, RowError> {
        match self.value {
            ValueRef::Text(t) => std::str::from_utf8(t).map_err(|e| RowError::Message(e.to_string())),
            other => Err(RowError::Message(format!(
                "expected text, found {:?}",
                other.data_type()
            ))),
        }
    }
    fn int(&self) -> Result<i64, RowError> {
        match self.value {
            ValueRef::Integer(i) => Ok(i),
            ValueRef::Real(r) if r.fract() == 0.0 => Ok(r as i64),
            other => Err(RowError::Message(format!(
                "expected an integer, found {:?}",
                other.data_type()
            ))),
        }
    }
}

macro_rules! de_int {
    ($($method:ident => $visit:ident as $t:ty),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, RowError> {
            let i = self.int()?;
            let v = <$t>::try_from(i).map_err(|_| RowError::Message(format!("{i} is out of range")))?;
            visitor.$visit(v)
        })*
    };
}

impl<'de, 'a> de::Deserializer<'de> for ValueDe<'a> {
    type Error = RowError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, RowError> {
        match self.value {
            ValueRef::Null => visitor.visit_none(),
            ValueRef::Integer(i) => visitor.visit_i64(i),
            ValueRef::Real(r) => visitor.visit_f64(r),
            ValueRef::Text(_) => visitor.visit_str(self.text()?),
            ValueRef::Blob(b) => visitor.visit_bytes(b),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, RowError> {
        visitor.visit_bool(self.int()? != 0)
    }

    de_int!(
        deserialize_i8 => visit_i8 as i8, deserialize_i16 => visit_i16 as i16,
        deserialize_i32 => visit_i32 as i32, deserialize_i64 => visit_i64 as i64,
        deserialize_u8 => visit_u8 as u8, deserialize_u16 => visit_u16 as u16,
        deserialize_u32 => visit_u32 as u32, deserialize_u64 => visit_u64 as u64,
    );

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, RowError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, RowError> {
        match self.value {
            ValueRef::Real(r) => visitor.visit_f64(r),
            ValueRef::Integer(i) => visitor.visit_f64(i as f64),
            other => Err(RowError::Message(format!(
                "expected a number, found {:?}",
                other.data_type()
            ))),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, RowError> {
        visitor.visit_str(self.text()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, RowError> {
        visitor.visit_str(self.text()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, RowError> {
        match self.value {
            ValueRef::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, RowError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, RowError> {
        visitor.visit_enum(self.text()?.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Colour {
        DeepRed,
        Blue,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Cents(i64);

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Sample {
        name: String,
        flag: bool,
        count: u32,
        area: f64,
        date: NaiveDate,
        maybe: Option<String>,
        colour: Colour,
        money: Cents,
    }

    #[test]
    fn a_record_round_trips_through_a_row() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (name TEXT, flag INTEGER, count INTEGER, area REAL, date TEXT, maybe TEXT, colour TEXT, money INTEGER)",
        )
        .unwrap();
        let s = Sample {
            name: "焊接车间".into(),
            flag: true,
            count: 40,
            area: 600.0,
            date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            maybe: None,
            colour: Colour::DeepRed,
            money: Cents(123456),
        };
        let cols = to_columns(&s).unwrap();
        let names: Vec<_> = cols.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "name", "flag", "count", "area", "date", "maybe", "colour", "money"
            ]
        );
        assert_eq!(cols[4].1, Value::Text("2025-03-01".into()));
        assert_eq!(cols[6].1, Value::Text("deep_red".into()));
        let values: Vec<Value> = cols.into_iter().map(|(_, v)| v).collect();
        conn.execute(
            "INSERT INTO t VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
            rusqlite::params_from_iter(values),
        )
        .unwrap();
        let back: Sample = conn
            .query_row("SELECT * FROM t", [], |r| Ok(from_row(r).unwrap()))
            .unwrap();
        assert_eq!(back, s);
    }
}
