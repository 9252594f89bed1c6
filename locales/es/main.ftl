### Interfaz del sitio Approdo Milano — traducción al español (idioma de origen: italiano).
### Cada clave de aquí debe existir también en los demás idiomas; las variables ({ $nombre }) no cambian.

## Identidad del sitio
site-name = Approdo Milano
site-tagline = Información práctica para las familias que se reúnen en Milán
site-description = Guías prácticas sobre la reagrupación familiar en Milán: documentos, escuela y dinero, en seis idiomas.

## Navegación
skip-link = Ir al contenido principal
nav-main-label = Secciones del sitio
nav-language-label = Idioma
breadcrumb-label = Estás aquí
breadcrumb-home = Página de inicio
home-sections-heading = Qué encuentras en este sitio
section-pages-heading = Guías de esta sección
# $count: número de guías de la sección
section-pages-count = { $count ->
    [one] Una guía
   *[other] { $count } guías
}

## Páginas
# $date: fecha de la última actualización, ya formateada
page-updated = Actualizado el { $date }
# $language: nombre del idioma en el que está escrito el texto que se muestra (por ejemplo «Italiano»)
fallback-notice = Esta guía todavía no está disponible en español. Aquí abajo tienes el texto en { $language }.
# $current: número del paso; $total: número total de pasos
step-of = Paso { $current } de { $total }
step-previous = Paso anterior
step-next = Paso siguiente

## Aviso en cada página
notice-general-title = Información general
notice-general = Esta es información general y las normas pueden cambiar. Antes de presentar una solicitud, consulta siempre con la oficina competente.
footer-about = Approdo Milano reúne información pública en un lenguaje sencillo. No es un sitio oficial y no sustituye a las oficinas públicas.

## Página no encontrada
notfound-title = Página no encontrada
notfound-text = La página que buscas no existe o se ha trasladado.
notfound-home = Ir a la página de inicio

## Elección del idioma (página principal del sitio, /)
chooser-greeting = Bienvenido
chooser-continue = Continuar en español

## Fechas y tiempo de lectura
# Nombres de los meses, usados en las fechas
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
# Fecha completa. $day: día; $month: nombre del mes; $monthnum: número del mes; $year: año
date-long = { $day } de { $month } de { $year }
# $minutes: tiempo de lectura estimado en minutos
reading-time = { $minutes ->
    [one] 1 minuto de lectura
   *[other] { $minutes } minutos de lectura
}

## Estructura de las guías
toc-heading = En esta página
steps-nav-label = El proceso paso a paso
step-current = (usted está aquí)

## Datos y fichas de contacto
figures-caption = Nulla Osta para reagrupación familiar emitidos en Milán con el acuerdo entre el Comune y la Prefettura
figures-period = Periodo
figures-applicants = Solicitantes
figures-members = Familiares reagrupados
figures-applicants-month = Solicitantes al mes (media)
figures-members-month = Familiares al mes (media)
figures-period-2018 = agosto–diciembre de 2018
figures-period-2019 = enero–septiembre de 2019
figures-period-total = Total, agosto de 2018 – septiembre de 2019
figures-chart-title = Solicitantes y familiares reagrupados, por periodo
figures-chart-desc = Gráfico de barras horizontales: para cada periodo, una barra para los solicitantes y otra para los familiares reagrupados.
figures-source = Fuente: Comune di Milano, datos publicados sobre los Nulla Osta emitidos con el acuerdo entre el Comune y la Prefettura di Milano.
contact-website = Sitio oficial
contact-phone = Teléfono
glossary-link = ¿No entiende una palabra en italiano? Lea el glosario.

## Search
search-label = Buscar en las guías
search-button = Buscar
search-title = Buscar en las guías
search-intro = Escriba una o más palabras, por ejemplo «permiso de residencia» o «inscripción escuela». Más abajo encontrará todas las guías por orden alfabético.
search-az-title = Todas las guías de la A a la Z
search-results = { $count ->
    [0] No se ha encontrado ninguna guía. Pruebe con otra palabra o consulte la lista de la A a la Z.
    [one] { $count } guía encontrada
   *[other] { $count } guías encontradas
}

## Offline reading and "my journey" (app.js): shown only where scripts and service workers run.
app-short-name = Approdo
offline-heading = Leer sin conexión
offline-intro = Puedes guardar las guías en este teléfono y leerlas sin red, por ejemplo en la sala de espera de la Prefettura. Antes de descargar nada, te decimos cuántos datos hacen falta.
offline-save-guide = Guardar esta guía: { $guide }
offline-save-all = Guardar todas las guías en { $language }
offline-size = Para descargar:
offline-download = Descargar
offline-cancel = Cancelar
offline-saving = Guardando…
offline-saved = Listo. Estas páginas ya se abren sin conexión.
offline-failed = No se pudo guardar. Comprueba la conexión y vuelve a intentarlo.
offline-updated = Las páginas guardadas se han actualizado. Vuelve a cargar la página para leer la nueva versión.
offline-title = No tienes conexión
offline-text = Esta página no está guardada en este teléfono. Podrás abrirla cuando vuelva la conexión.
offline-saved-heading = Páginas guardadas en este teléfono
offline-saved-none = Todavía no has guardado ninguna página.
journey-step-done = He completado este paso
journey-done = hecho
journey-privacy = Tus marcas se quedan solo en este teléfono: nunca se envían a nadie.
journey-clear = Borrar mi progreso
journey-cleared = Se ha borrado tu progreso.
print-checklist = Imprimir esta lista
