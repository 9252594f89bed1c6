### Interface du site Approdo Milano — traduction française (langue source : italien).
### Chaque clé ici doit aussi exister dans les autres langues ; les variables ({ $nom }) restent identiques.

## Identité du site
site-name = Approdo Milano
site-tagline = Des informations pratiques pour les familles qui se retrouvent à Milan
site-description = Guides pratiques sur le regroupement familial à Milan : documents, école et argent, en six langues.

## Navigation
skip-link = Aller au contenu principal
nav-main-label = Rubriques du site
nav-language-label = Langue
breadcrumb-label = Vous êtes ici
breadcrumb-home = Page d'accueil
home-sections-heading = Ce que vous trouverez sur ce site
section-pages-heading = Guides de cette rubrique
# $count : nombre de guides dans la rubrique
section-pages-count = { $count ->
    [one] { $count } guide
   *[other] { $count } guides
}

## Pages
# $date : date de la dernière mise à jour, déjà mise en forme
page-updated = Mis à jour le { $date }
# $language : nom de la langue dans laquelle est écrit le texte affiché (par exemple « Italiano »)
fallback-notice = Ce guide n'est pas encore disponible en français. Vous trouverez ci-dessous le texte en { $language }.
# $current : numéro de l'étape ; $total : nombre total d'étapes
step-of = Étape { $current } sur { $total }
step-previous = Étape précédente
step-next = Étape suivante

## Avis sur chaque page
notice-general-title = Informations générales
notice-general = Ces informations sont générales et les règles peuvent changer. Avant de déposer une demande, vérifiez toujours auprès du bureau compétent.
footer-about = Approdo Milano rassemble des informations publiques dans un langage simple. Ce n'est pas un site officiel et il ne remplace pas les bureaux publics.

## Page introuvable
notfound-title = Page introuvable
notfound-text = La page que vous cherchez n'existe pas ou a été déplacée.
notfound-home = Aller à la page d'accueil

## Choix de la langue (page principale du site, /)
chooser-greeting = Bienvenue
chooser-continue = Continuer en français

## Dates et temps de lecture
# Noms des mois, utilisés dans les dates
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
# Date complète. $day : jour ; $month : nom du mois ; $monthnum : numéro du mois ; $year : année
date-long = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
# $minutes : temps de lecture estimé en minutes
reading-time = { $minutes ->
    [one] 1 minute de lecture
   *[other] { $minutes } minutes de lecture
}

## Structure des guides
toc-heading = Sur cette page
steps-nav-label = Le parcours étape par étape
step-current = (vous êtes ici)

## Données et fiches de contact
figures-caption = Nulla Osta pour regroupement familial délivrés à Milan dans le cadre de l'accord entre la Comune et la Prefettura
figures-period = Période
figures-applicants = Demandeurs
figures-members = Membres de la famille réunis
figures-applicants-month = Demandeurs par mois (moyenne)
figures-members-month = Membres de la famille par mois (moyenne)
figures-period-2018 = août–décembre 2018
figures-period-2019 = janvier–septembre 2019
figures-period-total = Total, août 2018 – septembre 2019
figures-chart-title = Demandeurs et membres de la famille réunis, par période
figures-chart-desc = Graphique à barres horizontales : pour chaque période, une barre pour les demandeurs et une pour les membres de la famille réunis.
figures-source = Source : Comune di Milano, chiffres publiés sur les Nulla Osta délivrés dans le cadre de l'accord entre la Comune et la Prefettura di Milano.
contact-website = Site officiel
contact-phone = Téléphone
glossary-link = Un mot italien n'est pas clair ? Lisez le glossaire.

## Search
search-label = Rechercher dans les guides
search-button = Rechercher
search-title = Rechercher dans les guides
search-intro = Écrivez un ou plusieurs mots, par exemple « titre de séjour » ou « inscription scolaire ». Plus bas, vous trouverez tous les guides par ordre alphabétique.
search-az-title = Tous les guides de A à Z
search-results = { $count ->
    [0] Aucun guide trouvé. Essayez un autre mot ou consultez la liste de A à Z.
    [one] { $count } guide trouvé
   *[other] { $count } guides trouvés
}

## Offline reading and "my journey" (app.js): shown only where scripts and service workers run.
app-short-name = Approdo
offline-heading = Lire sans connexion
offline-intro = Vous pouvez enregistrer les guides sur ce téléphone et les lire sans réseau, par exemple dans la salle d'attente de la Prefettura. Avant tout téléchargement, nous vous indiquons la quantité de données nécessaire.
offline-save-guide = Enregistrer ce guide : { $guide }
offline-save-all = Enregistrer tous les guides en { $language }
offline-size = À télécharger :
offline-download = Télécharger
offline-cancel = Annuler
offline-saving = Enregistrement en cours…
offline-saved = C'est fait. Ces pages s'ouvrent maintenant sans connexion.
offline-failed = L'enregistrement n'a pas abouti. Vérifiez votre connexion et réessayez.
offline-updated = Les pages enregistrées ont été mises à jour. Rechargez la page pour lire la nouvelle version.
offline-title = Vous êtes hors connexion
offline-text = Cette page n'est pas enregistrée sur ce téléphone. Vous pourrez l'ouvrir quand la connexion reviendra.
offline-saved-heading = Pages enregistrées sur ce téléphone
offline-saved-none = Vous n'avez encore enregistré aucune page.
journey-step-done = J'ai fait cette étape
journey-done = fait
journey-privacy = Vos coches restent uniquement sur ce téléphone : elles ne sont jamais envoyées à personne.
journey-clear = Effacer ma progression
journey-cleared = Votre progression a été effacée.
print-checklist = Imprimer cette liste
