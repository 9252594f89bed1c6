### واجهة موقع Approdo Milano — الترجمة العربية (اللغة المصدر: الإيطالية).
### كل مفتاح هنا يجب أن يوجد أيضًا في اللغات الأخرى؛ والمتغيرات ({ $name }) تبقى كما هي.

## هوية الموقع
site-name = Approdo Milano
site-tagline = معلومات عملية للأسر التي يجتمع شملها في ميلانو
site-description = أدلة عملية عن لمّ شمل الأسرة في ميلانو: الوثائق والمدرسة والمال، بستّ لغات.

## التنقّل
skip-link = انتقل إلى المحتوى الرئيسي
nav-main-label = أقسام الموقع
nav-language-label = اللغة
breadcrumb-label = أنت هنا
breadcrumb-home = الصفحة الرئيسية
home-sections-heading = ماذا تجد في هذا الموقع
section-pages-heading = الأدلة في هذا القسم
# $count: عدد الأدلة في القسم
section-pages-count = { $count ->
    [zero] لا توجد أدلة
    [one] دليل واحد
    [two] دليلان
    [few] { $count } أدلة
    [many] { $count } دليلًا
   *[other] { $count } دليل
}

## الصفحات
# $date: تاريخ آخر تحديث، بعد تنسيقه
page-updated = آخر تحديث: { $date }
# $language: اسم اللغة المكتوب بها النص المعروض (مثلًا «Italiano»)
fallback-notice = هذا الدليل غير متوفر بالعربية بعد. تجد أدناه النص باللغة { $language }.
# $current: رقم الخطوة؛ $total: العدد الكلي للخطوات
step-of = الخطوة { $current } من { $total }
step-previous = الخطوة السابقة
step-next = الخطوة التالية

## تنبيه في كل صفحة
notice-general-title = معلومات عامة
notice-general = هذه معلومات عامة، وقد تتغير القواعد. قبل أن تقدّم أي طلب، تحقّق دائمًا من المكتب المختص.
footer-about = يجمع Approdo Milano معلومات متاحة للجميع ويعرضها بلغة بسيطة. وهو ليس موقعًا رسميًا، ولا يحلّ محلّ المكاتب الحكومية.

## الصفحة غير موجودة
notfound-title = الصفحة غير موجودة
notfound-text = الصفحة التي تبحث عنها غير موجودة أو نُقلت إلى مكان آخر.
notfound-home = اذهب إلى الصفحة الرئيسية

## اختيار اللغة (الصفحة الرئيسية للموقع، /)
chooser-greeting = مرحبًا
chooser-continue = المتابعة باللغة العربية

## التواريخ ووقت القراءة
# أسماء الأشهر، تُستخدم في التواريخ
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
# التاريخ الكامل. $day: اليوم؛ $month: اسم الشهر؛ $monthnum: رقم الشهر؛ $year: السنة
date-long = { $day } { $month } { $year }
# $minutes: وقت القراءة التقديري بالدقائق
reading-time = { $minutes ->
    [zero] أقل من دقيقة للقراءة
    [one] دقيقة واحدة للقراءة
    [two] دقيقتان للقراءة
    [few] { $minutes } دقائق للقراءة
    [many] { $minutes } دقيقة للقراءة
   *[other] { $minutes } دقيقة للقراءة
}

## بنية الأدلة
toc-heading = في هذه الصفحة
steps-nav-label = المسار خطوة بخطوة
step-current = (أنت هنا)

## البيانات وبطاقات الاتصال
figures-caption = تصاريح Nulla Osta لِلَمّ الشمل العائلي الصادرة في ميلانو بموجب الاتفاق بين البلدية والمحافظة
figures-period = الفترة
figures-applicants = مقدّمو الطلبات
figures-members = أفراد الأسرة الذين تمّ لمّ شملهم
figures-applicants-month = مقدّمو الطلبات شهريًا (المتوسط)
figures-members-month = أفراد الأسرة شهريًا (المتوسط)
figures-period-2018 = أغسطس–ديسمبر 2018
figures-period-2019 = يناير–سبتمبر 2019
figures-period-total = المجموع، من أغسطس 2018 إلى سبتمبر 2019
figures-chart-title = مقدّمو الطلبات وأفراد الأسرة الذين تمّ لمّ شملهم، حسب الفترة
figures-chart-desc = رسم بياني بأعمدة أفقية: لكل فترة عمود لمقدّمي الطلبات وعمود لأفراد الأسرة الذين تمّ لمّ شملهم.
figures-source = المصدر: بلدية ميلانو (Comune di Milano)، أرقام منشورة عن تصاريح Nulla Osta الصادرة بموجب الاتفاق بين البلدية ومحافظة ميلانو.
contact-website = الموقع الرسمي
contact-phone = الهاتف
glossary-link = هل هناك كلمة إيطالية غير واضحة؟ اقرأ قاموس المصطلحات.

## Search
search-label = ابحث في الأدلة
search-button = بحث
search-title = ابحث في الأدلة
search-intro = اكتب كلمة أو أكثر، مثل «تصريح الإقامة» أو «التسجيل في المدرسة». ستجد في الأسفل جميع الأدلة مرتبة أبجديًا.
search-az-title = جميع الأدلة مرتبة أبجديًا
search-results = { $count ->
    [0] لم نجد أي دليل. جرّب كلمة أخرى أو راجع القائمة الأبجدية.
    [zero] لم نجد أي دليل
    [one] وجدنا دليلًا واحدًا
    [two] وجدنا دليلين
    [few] وجدنا { $count } أدلة
    [many] وجدنا { $count } دليلًا
   *[other] وجدنا { $count } دليل
}

## Offline reading and "my journey" (app.js): shown only where scripts and service workers run.
app-short-name = Approdo
offline-heading = القراءة بدون اتصال
offline-intro = يمكنك حفظ الأدلة على هذا الهاتف وقراءتها بدون شبكة، مثلًا في قاعة الانتظار في المحافظة (Prefettura). قبل أي تنزيل نخبرك بحجم البيانات التي يحتاجها.
offline-save-guide = احفظ هذا الدليل: { $guide }
offline-save-all = احفظ كل الأدلة باللغة { $language }
offline-size = حجم التنزيل:
offline-download = تنزيل
offline-cancel = إلغاء
offline-saving = جارٍ الحفظ…
offline-saved = تم الحفظ. أصبحت هذه الصفحات تُفتح بدون اتصال.
offline-failed = تعذّر الحفظ. تحقّق من الاتصال وحاول مرة أخرى.
offline-updated = تم تحديث الصفحات المحفوظة. أعد تحميل الصفحة لقراءة النسخة الجديدة.
offline-title = أنت غير متصل بالشبكة
offline-text = هذه الصفحة غير محفوظة على هذا الهاتف. يمكنك فتحها عندما يعود الاتصال.
offline-saved-heading = الصفحات المحفوظة على هذا الهاتف
offline-saved-none = لم تحفظ أي صفحة بعد.
journey-step-done = أنجزتُ هذه الخطوة
journey-done = تمّ
journey-privacy = علاماتك تبقى على هذا الهاتف فقط: لا تُرسَل أبدًا إلى أي أحد.
journey-clear = امسح تقدّمي
journey-cleared = تم مسح تقدّمك.
print-checklist = اطبع هذه القائمة
