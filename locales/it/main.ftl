### Interfaccia del sito Approdo Milano — lingua sorgente (italiano).
### Ogni chiave qui deve esistere anche nelle altre lingue; le variabili ({ $nome }) restano uguali.

## Identità del sito
site-name = Approdo Milano
site-tagline = Informazioni pratiche per le famiglie che si ricongiungono a Milano
site-description = Guide pratiche sul ricongiungimento familiare a Milano: documenti, scuola e soldi, in sei lingue.

## Navigazione
skip-link = Vai al contenuto principale
nav-main-label = Sezioni del sito
nav-language-label = Lingua
breadcrumb-label = Ti trovi qui
breadcrumb-home = Pagina iniziale
home-sections-heading = Cosa trovi in questo sito
section-pages-heading = Guide in questa sezione
# $count: numero di guide nella sezione
section-pages-count = { $count ->
    [one] Una guida
   *[other] { $count } guide
}

## Pagine
# $date: data dell'ultimo aggiornamento, già formattata
page-updated = Aggiornato il { $date }
# $language: nome della lingua in cui è scritto il testo mostrato (per esempio «English»)
fallback-notice = Questa guida non è ancora disponibile in italiano. Qui sotto trovi il testo in { $language }.
# $current: numero del passo; $total: numero totale di passi
step-of = Passo { $current } di { $total }
step-previous = Passo precedente
step-next = Passo successivo

## Avviso su ogni pagina
notice-general-title = Informazioni generali
notice-general = Queste sono informazioni generali e le regole possono cambiare. Prima di presentare una domanda, verifica sempre con l'ufficio competente.
footer-about = Approdo Milano raccoglie informazioni pubbliche in un linguaggio semplice. Non è un sito ufficiale e non sostituisce gli uffici pubblici.

## Pagina non trovata
notfound-title = Pagina non trovata
notfound-text = La pagina che cerchi non esiste o è stata spostata.
notfound-home = Vai alla pagina iniziale

## Scelta della lingua (pagina principale del sito, /)
chooser-greeting = Benvenuto
chooser-continue = Continua in italiano

## Date e tempo di lettura
# Nomi dei mesi, usati nelle date
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre
# Data completa. $day: giorno; $month: nome del mese; $monthnum: numero del mese; $year: anno
date-long = { $day } { $month } { $year }
# $minutes: minuti di lettura stimati
reading-time = { $minutes ->
    [one] 1 minuto di lettura
   *[other] { $minutes } minuti di lettura
}

## Struttura delle guide
toc-heading = In questa pagina
steps-nav-label = Il percorso passo per passo
step-current = (sei qui)

## Dati e schede contatto
figures-caption = Nulla Osta per ricongiungimento familiare rilasciati a Milano con l'accordo tra Comune e Prefettura
figures-period = Periodo
figures-applicants = Richiedenti
figures-members = Familiari ricongiunti
figures-applicants-month = Richiedenti al mese (media)
figures-members-month = Familiari al mese (media)
figures-period-2018 = agosto–dicembre 2018
figures-period-2019 = gennaio–settembre 2019
figures-period-total = Totale, agosto 2018 – settembre 2019
figures-chart-title = Richiedenti e familiari ricongiunti per periodo
figures-chart-desc = Grafico a barre orizzontali: per ogni periodo, una barra per i richiedenti e una per i familiari ricongiunti.
figures-source = Fonte: Comune di Milano, dati pubblicati sui Nulla Osta rilasciati con l'accordo tra Comune e Prefettura di Milano.
contact-website = Sito ufficiale
contact-phone = Telefono
glossary-link = Una parola italiana non è chiara? Leggi il glossario.

## Search
search-label = Cerca nelle guide
search-button = Cerca
search-title = Cerca nelle guide
search-intro = Scrivi una o più parole, per esempio «permesso di soggiorno» o «iscrizione scuola». Più in basso trovi tutte le guide in ordine alfabetico.
search-az-title = Tutte le guide dalla A alla Z
search-results = { $count ->
    [0] Nessuna guida trovata. Prova con un'altra parola o guarda l'elenco dalla A alla Z.
    [one] { $count } guida trovata
   *[other] { $count } guide trovate
}

## Offline reading and "my journey" (app.js): shown only where scripts and service workers run.
app-short-name = Approdo
offline-heading = Leggere senza connessione
offline-intro = Puoi salvare le guide su questo telefono e leggerle anche senza rete, per esempio nella sala d'attesa della Prefettura. Prima di scaricare ti diciamo quanti dati servono.
offline-save-guide = Salva questa guida: { $guide }
offline-save-all = Salva tutte le guide in { $language }
offline-size = Da scaricare:
offline-download = Scarica
offline-cancel = Annulla
offline-saving = Salvataggio in corso…
offline-saved = Fatto. Queste pagine ora si aprono anche senza connessione.
offline-failed = Non è stato possibile salvare. Controlla la connessione e riprova.
offline-updated = Le pagine salvate sono state aggiornate. Ricarica la pagina per leggere la versione nuova.
offline-title = Sei senza connessione
offline-text = Questa pagina non è salvata su questo telefono. Potrai aprirla quando torna la connessione.
offline-saved-heading = Pagine salvate su questo telefono
offline-saved-none = Non hai ancora salvato nessuna pagina.
journey-step-done = Ho completato questo passo
journey-done = fatto
journey-privacy = Le tue spunte restano solo su questo telefono: non vengono mai inviate a nessuno.
journey-clear = Cancella i miei progressi
journey-cleared = I tuoi progressi sono stati cancellati.
print-checklist = Stampa questa lista
