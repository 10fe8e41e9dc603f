//! A statement assembled at run time (a variable number of rows or filters) with `$n`
//! parameters, which both backends read. sqlx's own builder writes `?` under `Any`, which
//! PostgreSQL refuses.

use sqlx::{
    Any, Arguments, Encode, Type,
    any::AnyArguments,
    query::{Query, QueryAs},
};

#[derive(Default)]
pub(crate) struct Statement<'q> {
    sql: String,
    arguments: AnyArguments<'q>,
}

impl<'q> Statement<'q> {
    pub(crate) fn new(sql: impl Into<String>) -> Statement<'q> {
        Statement {
            sql: sql.into(),
            arguments: AnyArguments::default(),
        }
    }

    pub(crate) fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a parameter holding `value`.
    pub(crate) fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'q + Encode<'q, Any> + Type<Any>,
    {
        self.arguments
            .add(value)
            .expect("the Any driver encodes every supported value");
        self.sql.push('$');
        self.sql.push_str(&self.arguments.len().to_string());
        self
    }

    /// Appends `VALUES (…), (…)`: one parenthesised row per item, its values pushed by `each`.
    pub(crate) fn push_values<I>(
        &mut self,
        rows: I,
        mut each: impl FnMut(&mut Row<'_, 'q>, I::Item),
    ) where
        I: IntoIterator,
    {
        self.sql.push_str("VALUES ");
        for (i, item) in rows.into_iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.sql.push('(');
            each(
                &mut Row {
                    statement: self,
                    values: 0,
                },
                item,
            );
            self.sql.push(')');
        }
    }

    pub(crate) fn query(&mut self) -> Query<'_, Any, AnyArguments<'_>> {
        sqlx::query_with(&self.sql, std::mem::take(&mut self.arguments))
    }

    pub(crate) fn query_as<O>(&mut self) -> QueryAs<'_, Any, O, AnyArguments<'_>>
    where
        O: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        sqlx::query_as_with(&self.sql, std::mem::take(&mut self.arguments))
    }
}

/// One row of [`Statement::push_values`].
pub(crate) struct Row<'s, 'q> {
    statement: &'s mut Statement<'q>,
    values: usize,
}

impl<'q> Row<'_, 'q> {
    pub(crate) fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'q + Encode<'q, Any> + Type<Any>,
    {
        if self.values > 0 {
            self.statement.sql.push_str(", ");
        }
        self.values += 1;
        self.statement.push_bind(value);
        self
    }
}
