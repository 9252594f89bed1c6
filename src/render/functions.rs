//! The functions templates call: `t`/`t_attr` (UI strings), `plural_forms`, `data`, `number` and
//! `bar_chart`. Registered in one place ([`super::theme`]) for every language.

use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use tera::Value;

use super::chart;
use crate::data::Data;
use crate::i18n::{Isolation, Localizer};

pub(super) fn translate_fn(
    loc: &Arc<Localizer>,
    lang: &str,
    isolation: Isolation,
) -> impl tera::Function {
    let loc = Arc::clone(loc);
    let lang = lang.to_string();
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"…\""))?;
        let lang = args.get("lang").and_then(Value::as_str).unwrap_or(&lang);
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            if name == "key" || name == "lang" {
                continue;
            }
            match value {
                Value::Number(n) => {
                    fargs.set(name.clone(), FluentValue::from(n.as_f64().unwrap_or(0.0)))
                }
                Value::String(s) => fargs.set(name.clone(), FluentValue::from(s.clone())),
                other => fargs.set(name.clone(), FluentValue::from(other.to_string())),
            }
        }
        loc.format(lang, key, Some(&fargs), isolation)
            .map(Value::String)
            .map_err(tera::Error::msg)
    }
}

/// `plural_forms(key="search-results")`: the message for each plural category of the language, as
/// JSON (`{"none": "…", "one": "{n} …", …}`), for scripts that count things in the reader's language
/// with `Intl.PluralRules`. `{n}` stands for the number; `none` is the message's `[0]` form.
pub(super) fn plural_fn(loc: &Arc<Localizer>, lang: &str, tag: &str) -> impl tera::Function {
    let loc = Arc::clone(loc);
    let (lang, tag) = (lang.to_string(), tag.to_string());
    // Every page shows the search box: the forms are worked out once per key, not per page.
    let cache: std::sync::Mutex<HashMap<String, String>> = Default::default();
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("plural_forms() needs key=\"…\""))?;
        if let Some(json) = cache.lock().ok().and_then(|c| c.get(key).cloned()) {
            return Ok(Value::String(json));
        }
        let forms = loc
            .plural_forms(&lang, &tag, key)
            .map_err(tera::Error::msg)?;
        let json = crate::escape::web_json(&forms);
        if let Ok(mut c) = cache.lock() {
            c.insert(key.to_string(), json.clone());
        }
        Ok(Value::String(json))
    }
}

/// `data(name="offices")`: a data file, for templates and shortcodes.
pub(super) fn data_fn(data: &Arc<Data>) -> impl tera::Function {
    let data = Arc::clone(data);
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let name = args
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("data() needs name=\"…\""))?;
        data.get(name).cloned().ok_or_else(|| {
            tera::Error::msg(format!(
                "there is no data file data/{name}.yaml (data files: {})",
                data.keys().cloned().collect::<Vec<_>>().join(", ")
            ))
        })
    }
}

/// `format_number(n=1203)`: the number written the page language's way.
pub(super) fn number_fn(loc: &Arc<Localizer>, lang: &str) -> impl tera::Function {
    let loc = Arc::clone(loc);
    let lang = lang.to_string();
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let n = args
            .get("n")
            .and_then(Value::as_f64)
            .ok_or_else(|| tera::Error::msg("format_number() needs a number n=…"))?;
        Ok(Value::String(loc.format_number(&lang, n)))
    }
}

/// `bar_chart(id, title, desc, rows, label, fields, names)`: an SVG chart of `rows` (an array of
/// objects), one group per row labelled by the Fluent key in the row's `label` field, one bar per
/// field in `fields`, named by the Fluent keys in `names`; `title` and `desc` are Fluent keys.
pub(super) struct BarChartFn {
    pub(super) loc: Arc<Localizer>,
    pub(super) lang: String,
    pub(super) rtl: bool,
}

impl tera::Function for BarChartFn {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let get_str = |k: &str| {
            args.get(k)
                .and_then(Value::as_str)
                .ok_or_else(|| tera::Error::msg(format!("bar_chart() needs {k}=\"…\"")))
        };
        let get_list = |k: &str| {
            args.get(k)
                .and_then(Value::as_array)
                .ok_or_else(|| tera::Error::msg(format!("bar_chart() needs {k}=[…]")))
        };
        let tr = |key: &str| {
            self.loc
                .format(&self.lang, key, None, Isolation::Plain)
                .map_err(tera::Error::msg)
        };
        let rows = get_list("rows")?;
        let label_field = get_str("label")?;
        let fields = get_list("fields")?;
        let names = get_list("names")?;
        let labels = rows
            .iter()
            .map(|r| {
                tr(r.get(label_field)
                    .and_then(Value::as_str)
                    .unwrap_or_default())
            })
            .collect::<tera::Result<Vec<_>>>()?;
        let series = fields
            .iter()
            .zip(names)
            .map(|(f, n)| {
                let field = f.as_str().unwrap_or_default();
                Ok(chart::Series {
                    name: tr(n.as_str().unwrap_or_default())?,
                    values: rows
                        .iter()
                        .map(|r| r.get(field).and_then(Value::as_f64).unwrap_or(0.0))
                        .collect(),
                })
            })
            .collect::<tera::Result<Vec<_>>>()?;
        let title = tr(get_str("title")?)?;
        let desc = tr(get_str("desc")?)?;
        let format = |v: f64| self.loc.format_number(&self.lang, v);
        let chart = chart::BarChart {
            id: get_str("id")?,
            title: &title,
            description: &desc,
            labels,
            series,
            rtl: self.rtl,
            format: &format,
        };
        Ok(Value::String(chart.to_svg()))
    }

    fn is_safe(&self) -> bool {
        true
    }
}
