### Interface of the Approdo Milano site — English translation (source language: Italian).
### Every key here must also exist in the other languages; the variables ({ $name }) stay the same.

## Site identity
site-name = Approdo Milano
site-tagline = Practical information for families reuniting in Milan
site-description = Practical guides to family reunification in Milan: documents, school and money, in six languages.

## Navigation
skip-link = Skip to main content
nav-main-label = Site sections
nav-language-label = Language
breadcrumb-label = You are here
breadcrumb-home = Home page
home-sections-heading = What you will find on this site
section-pages-heading = Guides in this section
# $count: number of guides in the section
section-pages-count = { $count ->
    [one] One guide
   *[other] { $count } guides
}

## Pages
# $date: date of the last update, already formatted
page-updated = Updated on { $date }
# $language: name of the language the displayed text is written in (for example “Italiano”)
fallback-notice = This guide is not yet available in English. Below is the text in { $language }.
# $current: step number; $total: total number of steps
step-of = Step { $current } of { $total }
step-previous = Previous step
step-next = Next step

## Notice on every page
notice-general-title = General information
notice-general = This is general information, and the rules can change. Before you submit an application, always check with the office in charge.
footer-about = Approdo Milano collects public information in plain language. It is not an official site and does not replace public offices.

## Page not found
notfound-title = Page not found
notfound-text = The page you are looking for does not exist or has been moved.
notfound-home = Go to the home page

## Language choice (main page of the site, /)
chooser-greeting = Welcome
chooser-continue = Continue in English

## Dates and reading time
# Month names, used in dates
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# Full date. $day: day; $month: month name; $monthnum: month number; $year: year
date-long = { $day } { $month } { $year }
# $minutes: estimated reading time in minutes
reading-time = { $minutes ->
    [one] 1 minute read
   *[other] { $minutes } minute read
}

## Guide structure
toc-heading = On this page
steps-nav-label = The journey step by step
step-current = (you are here)

## Data and contact cards
figures-caption = Family-reunification Nulla Osta issued in Milan under the agreement between the Comune and the Prefettura
figures-period = Period
figures-applicants = Applicants
figures-members = Family members reunited
figures-applicants-month = Applicants per month (average)
figures-members-month = Family members per month (average)
figures-period-2018 = August–December 2018
figures-period-2019 = January–September 2019
figures-period-total = Total, August 2018 – September 2019
figures-chart-title = Applicants and family members reunited, by period
figures-chart-desc = Horizontal bar chart: for each period, one bar for the applicants and one for the family members reunited.
figures-source = Source: Comune di Milano, published figures on the Nulla Osta issued under the agreement between the Comune and the Prefettura di Milano.
contact-website = Official website
contact-phone = Phone
glossary-link = An Italian word is not clear? Read the glossary.

## Search
search-label = Search the guides
search-button = Search
search-title = Search the guides
search-intro = Type one or more words, for example “residence permit” or “school enrolment”. Below you will find every guide in alphabetical order.
search-az-title = All guides from A to Z
search-results = { $count ->
    [0] No guides found. Try another word or look at the A to Z list.
    [one] { $count } guide found
   *[other] { $count } guides found
}

## Offline reading and "my journey" (app.js): shown only where scripts and service workers run.
app-short-name = Approdo
offline-heading = Read without a connection
offline-intro = You can save the guides on this phone and read them with no network, for example in the waiting room at the Prefettura. Before anything downloads, we tell you how much data it takes.
offline-save-guide = Save this guide: { $guide }
offline-save-all = Save all guides in { $language }
offline-size = To download:
offline-download = Download
offline-cancel = Cancel
offline-saving = Saving…
offline-saved = Done. These pages now open without a connection.
offline-failed = Could not save. Check your connection and try again.
offline-updated = Your saved pages have been updated. Reload the page to read the new version.
offline-title = You are offline
offline-text = This page is not saved on this phone. You can open it when you are back online.
offline-saved-heading = Pages saved on this phone
offline-saved-none = You have not saved any pages yet.
journey-step-done = I have done this step
journey-done = done
journey-privacy = Your ticks stay on this phone only: they are never sent to anyone.
journey-clear = Clear my progress
journey-cleared = Your progress has been cleared.
print-checklist = Print this checklist
