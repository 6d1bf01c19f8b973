// Generated from src/text/i18n.rs by `make strings` (tests/i18n.rs checks it): do not edit.
// The page's own texts: English in full; of the other languages what shows before their
// words (www/locale/*.js) arrive. The chart's texts are made in the wasm core.
export const STRINGS = {
  en: {
    'table.show': "Show data table",
    'table.hide': "Hide data table",
    'table.caption': "Chart data",
    'table.dailyMeans': "daily means",
    'table.monthlyMeans': "monthly means",
    'table.date': "Date",
    'table.dateTime': "Date and time",
    'table.month': "Month",
    'table.outage': "Outage",
    'keys.help': "Use the left and right arrow keys to read the values point by point, Home and End for the ends, Page Up and Page Down for larger steps, Escape to hide.",
    'live.inside': "; inside {outages}",
    'list.and': " and ",
    'readout.noData': "no data",
    'loading': "Loading chart…",
    'error.title': "This chart could not be shown.",
    'alt.chart': "Chart",
    'alt.titled': "Chart: {title}",
  },
  de: {
    'loading': "Diagramm wird geladen …",
    'error.title': "Dieses Diagramm konnte nicht angezeigt werden.",
    'alt.chart': "Diagramm",
    'alt.titled': "Diagramm: {title}",
    'table.show': "Datentabelle anzeigen",
  },
  fr: {
    'loading': "Chargement du graphique…",
    'error.title': "Ce graphique n’a pas pu être affiché.",
    'alt.chart': "Graphique",
    'alt.titled': "Graphique : {title}",
    'table.show': "Afficher le tableau des données",
  },
  es: {
    'loading': "Cargando el gráfico…",
    'error.title': "No se pudo mostrar este gráfico.",
    'alt.chart': "Gráfico",
    'alt.titled': "Gráfico: {title}",
    'table.show': "Mostrar tabla de datos",
  },
  ru: {
    'loading': "График загружается…",
    'error.title': "Не удалось показать этот график.",
    'alt.chart': "График",
    'alt.titled': "График: {title}",
    'table.show': "Показать таблицу данных",
  },
  zh: {
    'loading': "图表加载中…",
    'error.title': "无法显示此图表。",
    'alt.chart': "图表",
    'alt.titled': "图表：{title}",
    'table.show': "显示数据表",
  },
};
